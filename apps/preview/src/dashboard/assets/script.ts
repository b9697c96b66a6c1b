/**
 * The dashboard's only script, served as /_gitway/assets/app.js: the confirmation
 * dialog for changing the active deployment, the stage variables editor with inline
 * validation (the CLI's rules), and the POST with CSRF token + compare-and-swap. After
 * any outcome that changed or invalidated what the page shows (saved, or 409 because
 * the stage moved) it reloads the page, so the newest state is what is displayed; the
 * message survives the reload in sessionStorage.
 */
export const SCRIPT = String.raw`'use strict';
(function () {
  var NAME_RE = /^[A-Za-z0-9_]{1,64}$/;
  var VALUE_RE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;
  var NAME_HELP = 'Use 1-64 characters from A-Z a-z 0-9 _';
  var VALUE_HELP = 'Use 1-512 characters from A-Z a-z 0-9 - . _ ~ : / ? # & = ,';
  var FLASH_KEY = 'gitway-flash';
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var main = $('#main');
  var stageName = main && main.getAttribute('data-stage');
  var token = ($('meta[name="gitway-csrf"]') || {}).content || '';

  function showFlash(kind, text) {
    var el = $('#flash');
    if (!el) return;
    el.className = 'flash ' + kind;
    el.textContent = text;
  }
  try {
    var saved = sessionStorage.getItem(FLASH_KEY);
    if (saved) { sessionStorage.removeItem(FLASH_KEY); var f = JSON.parse(saved); showFlash(f.kind, f.text); }
  } catch (e) { /* storage unavailable: no message */ }
  function reloadWith(kind, text) {
    try { sessionStorage.setItem(FLASH_KEY, JSON.stringify({ kind: kind, text: text })); } catch (e) { /* ignore */ }
    location.reload();
  }

  // POSTs patch operations based on the state this page shows; resolves with an error message or reloads.
  function postPatch(ops, okText, errorEl, busy) {
    errorEl.textContent = '';
    busy.forEach(function (b) { b.disabled = true; });
    return fetch('/_gitway/api/stages/' + encodeURIComponent(stageName), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gitway-csrf': token },
      body: JSON.stringify({ patchOperations: ops, expectedOid: main.getAttribute('data-oid') }),
      credentials: 'same-origin',
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (res.ok) return reloadWith('ok', okText);
        if (res.status === 409) {
          return reloadWith('warn', 'Stage ' + stageName + ' was changed elsewhere since this page was loaded, so your change was not applied. The page now shows the latest state; review it and try again.');
        }
        throw new Error(body.message || ('request failed (' + res.status + ')'));
      });
    }).catch(function (err) {
      errorEl.textContent = err.message || String(err);
      busy.forEach(function (b) { b.disabled = false; });
    });
  }

  // Change active deployment: every trigger opens the same confirmation dialog.
  var dialog = $('#confirm-dialog');
  var pending = null;
  var opener = null;
  function openConfirm(id, label, from) {
    pending = id;
    opener = from;
    $('#confirm-target').textContent = label;
    $('#confirm-error').textContent = '';
    $('#confirm-ok').disabled = false;
    dialog.showModal();
  }
  if (dialog) {
    $$('[data-activate]').forEach(function (btn) {
      btn.addEventListener('click', function () { openConfirm(btn.getAttribute('data-deployment'), btn.getAttribute('data-label'), btn); });
    });
    var picker = $('#change-deployment-form');
    if (picker) picker.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var sel = $('#deployment-select');
      var opt = sel.options[sel.selectedIndex];
      if (!opt || !opt.value) { $('#picker-error').textContent = 'Choose a deployment first.'; sel.focus(); return; }
      $('#picker-error').textContent = '';
      openConfirm(opt.value, opt.textContent, $('button', picker));
    });
    $('#confirm-cancel').addEventListener('click', function () { dialog.close(); });
    dialog.addEventListener('close', function () { if (opener) opener.focus(); });
    $('#confirm-ok').addEventListener('click', function () {
      postPatch([{ op: 'replace', path: '/deploymentId', value: pending }], 'Stage ' + stageName + ' now serves deployment ' + pending.slice(0, 10) + '.', $('#confirm-error'), [$('#confirm-ok')]);
    });
  }

  // Stage variables editor.
  var form = $('#vars-form');
  if (!form) return;
  var rows = $('#vars-rows');
  var original = JSON.parse(form.getAttribute('data-original') || '{}');
  var counter = rows.children.length;
  function setError(input, message) {
    var err = document.getElementById(input.id + '-error');
    err.textContent = message;
    if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }
  function validateRow(tr, names) {
    var name = $('.var-name', tr);
    var value = $('.var-value', tr);
    var nameMsg = NAME_RE.test(name.value) ? '' : NAME_HELP;
    if (!nameMsg && names) { if (names[name.value]) nameMsg = 'Duplicate name: each variable appears once'; names[name.value] = true; }
    setError(name, nameMsg);
    setError(value, VALUE_RE.test(value.value) ? '' : VALUE_HELP);
    return !nameMsg && VALUE_RE.test(value.value);
  }
  // Validation runs on submit, then live while a field is marked invalid (validating on
  // blur would move the Save button under the pointer and swallow the click).
  function wireRow(tr) {
    $$('input', tr).forEach(function (input) {
      input.addEventListener('input', function () { if (input.getAttribute('aria-invalid')) validateRow(tr); });
    });
    $('.var-remove', tr).addEventListener('click', function () {
      var next = tr.nextElementSibling || tr.previousElementSibling;
      tr.remove();
      (next ? $('input', next) : $('#var-add')).focus();
    });
  }
  function cell(child) { var td = document.createElement('td'); child.forEach(function (c) { td.appendChild(c); }); return td; }
  function field(kind, n, label) {
    var id = 'var-' + kind + '-' + n;
    var l = document.createElement('label'); l.className = 'sr-only'; l.htmlFor = id; l.textContent = label;
    var input = document.createElement('input'); input.type = 'text'; input.id = id; input.className = 'var-' + kind; input.autocomplete = 'off'; input.spellcheck = false;
    input.setAttribute('aria-describedby', id + '-error');
    var err = document.createElement('p'); err.className = 'field-error'; err.id = id + '-error';
    return [l, input, err];
  }
  $$('tr', rows).forEach(wireRow);
  $('#var-add').addEventListener('click', function () {
    counter += 1;
    var tr = document.createElement('tr');
    var rm = document.createElement('button'); rm.type = 'button'; rm.className = 'var-remove'; rm.textContent = 'Remove';
    rm.setAttribute('aria-label', 'Remove new variable ' + counter);
    tr.appendChild(cell(field('name', counter, 'Name of new variable ' + counter)));
    tr.appendChild(cell(field('value', counter, 'Value of new variable ' + counter)));
    tr.appendChild(cell([rm]));
    rows.appendChild(tr);
    wireRow(tr);
    $('input', tr).focus();
  });
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var names = {};
    var current = {};
    var firstBad = null;
    $$('tr', rows).forEach(function (tr) {
      if (!validateRow(tr, names) && !firstBad) firstBad = $('[aria-invalid=true]', tr);
      current[$('.var-name', tr).value] = $('.var-value', tr).value;
    });
    var errorEl = $('#vars-error');
    if (firstBad) { errorEl.textContent = 'Fix the highlighted fields; nothing was saved.'; firstBad.focus(); return; }
    var ops = [];
    Object.keys(original).forEach(function (k) { if (!(k in current)) ops.push({ op: 'remove', path: '/variables/' + k }); });
    Object.keys(current).forEach(function (k) { if (original[k] !== current[k]) ops.push({ op: 'replace', path: '/variables/' + k, value: current[k] }); });
    if (ops.length === 0) { errorEl.textContent = 'No changes to save.'; return; }
    postPatch(ops, 'Saved ' + ops.length + ' variable change' + (ops.length === 1 ? '' : 's') + ' to stage ' + stageName + '.', errorEl, [$('#vars-save')]);
  });
})();
`;
