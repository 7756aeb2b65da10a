// SPDX-License-Identifier: EUPL-1.2
// Behaviour hooked on data- attributes; no inline script (CSP without 'unsafe-inline').
(function () {
  "use strict";

  // Ask before an irreversible action: <button data-confirm="Question ?">.
  document.addEventListener("submit", function (event) {
    var bouton = event.submitter;
    var question = (bouton && bouton.dataset.confirm) || event.target.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // A double click must not submit twice: the button is disabled once the form leaves.
    if (event.target.dataset.unique !== undefined && bouton) {
      window.setTimeout(function () { bouton.disabled = true; }, 0);
    }
  });

  // Move focus to the error summary so screen readers announce it.
  document.addEventListener("DOMContentLoaded", function () {
    var resume = document.querySelector("[data-focus-on-load]");
    if (resume) { resume.focus(); }
    avertirExpiration();
  });

  // Warn two minutes before the session expires, and let the user extend it (RGAA 13.1).
  function avertirExpiration() {
    var corps = document.body;
    var age = parseInt(corps.dataset.sessionAge || "0", 10);
    var url = corps.dataset.sessionKeepalive;
    if (!age || !url) { return; }
    var delai = Math.max(age - 120, 10) * 1000;
    window.setTimeout(function () {
      var alerte = document.createElement("div");
      alerte.className = "alert alert-warning alerte-session";
      alerte.setAttribute("role", "alertdialog");
      alerte.setAttribute("aria-labelledby", "alerte-session-titre");
      alerte.innerHTML = '<p id="alerte-session-titre"><strong>Votre session expire dans deux minutes.</strong> Les brouillons déjà enregistrés sont conservés.</p>';
      var bouton = document.createElement("button");
      bouton.type = "button";
      bouton.className = "btn btn-primary btn-sm";
      bouton.textContent = "Rester connecté";
      bouton.addEventListener("click", function () {
        var jeton = document.querySelector("[name=csrfmiddlewaretoken]");
        var cookie = document.cookie.match(/csrftoken=([^;]+)/);
        fetch(url, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": jeton ? jeton.value : (cookie ? cookie[1] : "") } })
          .then(function () { alerte.remove(); avertirExpiration(); });
      });
      alerte.appendChild(bouton);
      document.body.appendChild(alerte);
      bouton.focus();
    }, delai);
  }
})();
