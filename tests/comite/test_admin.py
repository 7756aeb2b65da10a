# SPDX-License-Identifier: EUPL-1.2
"""The committee's admin pages open for the people who use them."""

from django.urls import reverse

from tests.comite.factories import noter
from tests.factories import connecter


def test_a_member_opens_their_session_read_only(client, membre_comite, seance):
    reponse = connecter(client, membre_comite).get(
        reverse("admin:comite_sessionexamen_change", args=[seance.pk])
    )
    assert reponse.status_code == 200


def test_staff_edit_a_session_with_attendance_and_agenda(client, agent_metropole, seance):
    reponse = connecter(client, agent_metropole).get(
        reverse("admin:comite_sessionexamen_change", args=[seance.pk])
    )
    assert reponse.status_code == 200
    assert "Vincennes" in reponse.content.decode()


def test_staff_read_every_score_but_cannot_score(client, agent_metropole, membres, point_vincennes):
    noter(point_vincennes, membres[0], 3)
    url = reverse(
        "admin:comite_grille_notation", args=[point_vincennes.session_id, point_vincennes.pk]
    )
    connecter(client, agent_metropole)
    assert membres[0].nom_complet in client.get(url).content.decode()
    assert client.post(url, {"action": "brouillon"}).status_code == 403


def test_the_chair_sees_the_aggregates(client, president_comite, seance):
    reponse = connecter(client, president_comite).get(
        reverse("admin:comite_agregats", args=[seance.pk])
    )
    assert reponse.status_code == 200
    assert "Sensibilité du classement" in reponse.content.decode()


def test_members_see_the_composition_nowhere_but_staff_do(client, membre_comite, agent_metropole):
    url = reverse("admin:comite_mandatmembre_changelist")
    assert connecter(client, membre_comite).get(url).status_code == 403
    assert connecter(client, agent_metropole).get(url).status_code == 200


def test_a_new_session_offers_only_people_holding_a_current_mandate(
    client, agent_metropole, agent_vincennes, membre_comite
):
    import datetime as dt

    from comite.models import SessionExamen
    from tests.comite.factories import MandatFactory
    from tests.factories import UserFactory

    MandatFactory(membre=membre_comite)
    ancien = UserFactory(membre_comite=True, nom_complet="Ancien Élu")
    MandatFactory(membre=ancien, debut=dt.date(2020, 1, 1), fin=dt.date(2021, 1, 1))
    connecter(client, agent_metropole)
    url = reverse("admin:comite_sessionexamen_add")
    formulaire = client.get(url).context["adminform"].form
    assert set(formulaire.fields["president"].queryset) == {membre_comite}
    convocations = client.get(url).context["inline_admin_formsets"][0].formset.form
    assert set(convocations.base_fields["membre"].queryset) == {membre_comite}

    reponse = client.post(
        url,
        {
            "date_0": "2027-01-15",
            "date_1": "10:00",
            "lieu": "Salle du conseil",
            "president": agent_vincennes.pk,
            "convocations-TOTAL_FORMS": "0",
            "convocations-INITIAL_FORMS": "0",
            "points-TOTAL_FORMS": "0",
            "points-INITIAL_FORMS": "0",
            "auditions-TOTAL_FORMS": "0",
            "auditions-INITIAL_FORMS": "0",
        },
    )
    assert reponse.status_code == 200
    assert "Sélectionnez un choix valide" in str(
        reponse.context["adminform"].form.errors["president"]
    )
    assert not SessionExamen.objects.exists()
