// SPDX-License-Identifier: EUPL-1.2
/* Accessible names the Django admin's own widgets lack (issue 20.8, WCAG 1.3.1 and 4.1.2):
   the date and time halves of a date-and-time field, the inputs of a tabular inline (named
   after their column), select2's autocomplete boxes (named after their field) and the help
   icon of the "filter" multiple select (aria-label needs a role). Loaded with defer, no
   inline script (CSP); run again when an inline row is added. */
(function () {
  "use strict";

  function texte(element) {
    return element ? element.textContent.replace(/\s+/g, " ").replace(/[\s:*]+$/, "").trim() : "";
  }

  function entete(champ) {
    var cellule = champ.closest("td");
    var table = champ.closest("table");
    if (!cellule || !table) return "";
    var nom = Array.prototype.find.call(cellule.classList, function (c) {
      return c.indexOf("field-") === 0;
    });
    var th = nom ? table.querySelector("thead th.column-" + nom.slice(6)) : null;
    if (!th && cellule.classList.contains("delete")) {
      th = table.querySelector("thead th:last-child");
    }
    return texte(th);
  }

  function libelle(champ) {
    var base = champ.id ? champ.id.replace(/_[01]$/, "") : "";
    var label = base
      ? document.querySelector('label[for="' + base + '"], label[for="' + base + '_0"]')
      : null;
    if (label) return texte(label);
    var groupe = champ.closest("fieldset");
    var legende = groupe ? groupe.querySelector(":scope > legend") : null;
    return texte(legende) || entete(champ);
  }

  function nommer() {
    document.querySelectorAll("input.vDateField, input.vTimeField").forEach(function (champ) {
      if (champ.hasAttribute("aria-label")) return;
      var nom = libelle(champ);
      var partie = champ.classList.contains("vTimeField") ? "heure" : "date";
      champ.setAttribute("aria-label", nom ? nom + " (" + partie + ")" : partie);
    });
    document
      .querySelectorAll(".tabular td input, .tabular td select, .tabular td textarea")
      .forEach(function (champ) {
        if (champ.type === "hidden" || champ.hasAttribute("aria-label")) return;
        if (champ.id && document.querySelector('label[for="' + champ.id + '"]')) return;
        var nom = entete(champ);
        if (nom) champ.setAttribute("aria-label", nom);
      });
    document.querySelectorAll(".select2-selection[role=combobox]").forEach(function (boite) {
      var conteneur = boite.closest(".select2-container");
      var select = conteneur ? conteneur.parentNode.querySelector("select") : null;
      var nom = select ? libelle(select) : "";
      if (!nom) return;
      // Its aria-labelledby points to the chosen value, empty until one is chosen.
      boite.removeAttribute("aria-labelledby");
      boite.setAttribute("aria-label", nom);
      var rendu = boite.querySelector(".select2-selection__rendered[role=textbox]");
      if (rendu) rendu.setAttribute("aria-label", nom);
    });
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (aide) {
      aide.setAttribute("role", "img");
    });
  }

  window.addEventListener("load", function () {
    nommer();
    window.setTimeout(nommer, 0); // after widgets that initialise on load
  });
  document.addEventListener("formset:added", function () {
    window.setTimeout(nommer, 0);
  });
})();
