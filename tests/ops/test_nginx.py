# SPDX-License-Identifier: EUPL-1.2
"""The reverse-proxy example, for real: Debian's nginx in front of gunicorn, on loopback ports.

The site file ``deploy/nginx/appropriation.conf`` is used as shipped, only its addresses and
paths swapped for the test's (each swap must find its text: the example cannot drift away from
what is tested). gunicorn runs ``gunicorn.conf.py`` with production settings. Skipped locally
without nginx, a failure under ``CI=true`` (``.ci/run`` installs ``nginx-light``).
"""

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import service_absent

RACINE = Path(__file__).resolve().parents[2]
HOTE = "appropriation.metropolegrandparis.fr"


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def attendre_port(port: int, processus: subprocess.Popen, journal: Path) -> None:
    limite = time.monotonic() + 90
    while time.monotonic() < limite:
        if processus.poll() is not None:
            raise AssertionError(journal.read_text("utf-8", errors="replace"))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"port {port} muet : {journal.read_text('utf-8', errors='replace')}")


def remplacer(texte: str, ancien: str, nouveau: str) -> str:
    assert ancien in texte, f"« {ancien} » absent de deploy/nginx/appropriation.conf"
    return texte.replace(ancien, nouveau)


def certificat_autosigne(dossier: Path) -> tuple[Path, Path]:
    certificat, cle = dossier / "fullchain.pem", dossier / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={HOTE}", "-keyout", str(cle), "-out", str(certificat)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return certificat, cle


@pytest.fixture(scope="module")
def portail_derriere_nginx(tmp_path_factory):
    """gunicorn + nginx started once for this module; yields (http port, https port, static)."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not nginx:
        service_absent("nginx (paquet Debian nginx-light) n'est pas installé")
    if not shutil.which("openssl"):
        service_absent("openssl n'est pas installé")
    tmp = tmp_path_factory.mktemp("nginx")
    statiques = tmp / "static"
    statiques.mkdir()
    port_gunicorn, port_http, port_https = port_libre(), port_libre(), port_libre()

    journal_gunicorn = tmp / "gunicorn.log"
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=RACINE,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "appropriation.settings",
            "DEBUG": "0",
            "SECRET_KEY": "test-nginx-" + uuid.uuid4().hex * 2,
            "ALLOWED_HOSTS": HOTE,
            "BEHIND_PROXY": "1",
            # An empty database file: /sante and the anonymous pages need no table.
            "DATABASE_URL": f"sqlite:///{tmp / 'base.sqlite3'}",
            "STATIC_ROOT": str(statiques),
            "STATIC_MANIFEST": "0",  # no collectstatic here
            "MEDIA_ROOT": str(tmp / "media"),
            "RUNTIME_DIRECTORY": str(tmp / "run"),
            "GUNICORN_BIND": f"127.0.0.1:{port_gunicorn}",
            "WEB_CONCURRENCY": "2",
            "LOG_FORMAT": "json",
            "EMAIL_URL": "dummymail://",
            "SITE_URL": f"https://{HOTE}",
            "HEBERGEUR_NOM": "Hébergeur Exemple SAS",
            "HEBERGEUR_ADRESSE": "1 rue de l'Exemple, 75001 Paris",
            "HEBERGEUR_TELEPHONE": "01 23 45 67 89",
        },
        stdout=subprocess.DEVNULL,
        stderr=open(journal_gunicorn, "wb"),  # noqa: SIM115 - closed with the process
    )
    processus = [gunicorn]
    try:
        attendre_port(port_gunicorn, gunicorn, journal_gunicorn)
        certificat, cle = certificat_autosigne(tmp)
        site = (RACINE / "deploy" / "nginx" / "appropriation.conf").read_text("utf-8")
        for ancien, nouveau in [
            ("server 127.0.0.1:8001;", f"server 127.0.0.1:{port_gunicorn};"),
            ("listen 80 default_server;", f"listen 127.0.0.1:{port_http} default_server;"),
            ("listen [::]:80 default_server;\n", ""),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{port_https} ssl http2;"),
            ("listen [::]:443 ssl http2;\n", ""),
            ("/etc/ssl/appropriation/fullchain.pem", str(certificat)),
            ("/etc/ssl/appropriation/privkey.pem", str(cle)),
            ("/var/lib/appropriation/static/", f"{statiques}/"),
        ]:
            site = remplacer(site, ancien, nouveau)
        (tmp / "site.conf").write_text(site, "utf-8")
        utilisateur = "user root;" if os.geteuid() == 0 else ""
        temporaires = "\n".join(
            f"    {nom}_temp_path {tmp / nom};"
            for nom in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (tmp / "nginx.conf").write_text(
            f"""daemon off;
{utilisateur}
worker_processes 1;
pid {tmp / "nginx.pid"};
error_log {tmp / "nginx-erreurs.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp / "nginx-acces.log"};
{temporaires}
    include {tmp / "site.conf"};
}}
""",
            "utf-8",
        )
        journal_nginx = tmp / "nginx-erreurs.log"
        verification = subprocess.run(
            [nginx, "-t", "-p", str(tmp), "-e", str(journal_nginx), "-c", str(tmp / "nginx.conf")],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert verification.returncode == 0, verification.stderr
        serveur = subprocess.Popen(
            [nginx, "-p", str(tmp), "-e", str(journal_nginx), "-c", str(tmp / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processus.append(serveur)
        attendre_port(port_https, serveur, journal_nginx)
        attendre_port(port_http, serveur, journal_nginx)
        yield {"http": port_http, "https": port_https, "statiques": statiques, "tmp": tmp}
    finally:
        for p in reversed(processus):
            p.terminate()
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def requete(port: int, methode: str, chemin: str, *, tls: bool, corps=None, entetes=None):
    if tls:
        contexte = ssl.create_default_context()
        contexte.check_hostname = False
        contexte.verify_mode = ssl.CERT_NONE  # the test's self-signed certificate
        connexion = http.client.HTTPSConnection("127.0.0.1", port, timeout=120, context=contexte)
    else:
        connexion = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connexion.request(methode, chemin, body=corps, headers={"Host": HOTE, **(entetes or {})})
    reponse = connexion.getresponse()
    contenu = reponse.read()
    connexion.close()
    return reponse, contenu


def test_plain_http_is_redirected_to_https(portail_derriere_nginx):
    reponse, _ = requete(portail_derriere_nginx["http"], "GET", "/accessibilite?x=1", tls=False)
    assert reponse.status == 301
    assert reponse.getheader("Location") == f"https://{HOTE}/accessibilite?x=1"


@pytest.mark.parametrize("hote", [HOTE, "10.0.0.7"])
def test_the_load_balancer_reaches_the_health_check_over_plain_http(portail_derriere_nginx, hote):
    """Called by its public name or by the machine's address (a probe often does that)."""
    reponse, contenu = requete(
        portail_derriere_nginx["http"], "GET", "/sante", tls=False, entetes={"Host": hote}
    )
    assert reponse.status == 200, contenu
    assert b'"base": "ok"' in contenu and b'"disque": "ok"' in contenu


def test_a_page_over_https_reaches_django_as_https_for_the_right_host(portail_derriere_nginx):
    """Host and X-Forwarded-Proto passed on: no redirect loop, HSTS set by Django."""
    # the legal notice reads no table (the test's database file is empty)
    reponse, contenu = requete(
        portail_derriere_nginx["https"], "GET", "/mentions-legales", tls=True
    )
    assert reponse.status == 200, contenu[:2000]
    assert b"<html" in contenu and "Mentions légales".encode() in contenu
    assert "max-age=31536000" in reponse.getheader("Strict-Transport-Security", "")
    assert len(reponse.getheader("X-Request-ID", "")) == 32  # nginx's $request_id, kept


def test_a_10_mb_upload_goes_through_nginx_to_django(portail_derriere_nginx):
    """A 10 MB PDF in a real form POST (valid CSRF): parsed by Django, not refused with 413."""
    jeton = "a" * 32  # an unmasked CSRF secret: the cookie and the field carry the same one
    separateur = uuid.uuid4().hex
    pdf = b"%PDF-1.7\n" + os.urandom(10 * 1024 * 1024) + b"\n%%EOF\n"
    corps = b"".join(
        [
            f'--{separateur}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
            f"\r\n\r\n{jeton}\r\n".encode(),
            f'--{separateur}\r\nContent-Disposition: form-data; name="piece"; '
            f'filename="annexe.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode(),
            pdf,
            f"\r\n--{separateur}--\r\n".encode(),
        ]
    )
    reponse, contenu = requete(
        portail_derriere_nginx["https"],
        "POST",
        "/accessibilite/signaler",
        tls=True,
        corps=corps,
        entetes={
            "Content-Type": f"multipart/form-data; boundary={separateur}",
            "Cookie": f"csrftoken={jeton}",
            "Origin": f"https://{HOTE}",
            "Referer": f"https://{HOTE}/accessibilite/signaler",
        },
    )
    # The view answered: the form comes back with its French errors (the other fields are
    # missing). A 413 would be nginx's limit, a 403 the CSRF check, a 400 Django's own limits.
    assert reponse.status == 200, contenu[:500]
    assert b"Ce champ est obligatoire" in contenu


def test_an_upload_over_the_limit_is_refused_by_nginx_before_gunicorn(portail_derriere_nginx):
    corps = b"x" * (41 * 1024 * 1024)
    reponse, _ = requete(
        portail_derriere_nginx["https"], "POST", "/accessibilite/signaler", tls=True, corps=corps
    )
    assert reponse.status == 413


def test_static_files_are_served_by_nginx_and_cached(portail_derriere_nginx):
    (portail_derriere_nginx["statiques"] / "portail.0123abcd.css").write_text("body{}", "utf-8")
    reponse, contenu = requete(
        portail_derriere_nginx["https"], "GET", "/static/portail.0123abcd.css", tls=True
    )
    assert reponse.status == 200
    assert contenu == b"body{}"
    assert "max-age=31536000" in reponse.getheader("Cache-Control", "")
    assert "immutable" in reponse.getheader("Cache-Control", "")


def test_gunicorn_put_its_control_socket_under_the_run_directory(portail_derriere_nginx):
    assert list((portail_derriere_nginx["tmp"] / "run").glob("gunicorn-127.0.0.1-*.ctl"))
