import { createHash } from 'node:crypto';

/**
 * The report's one script (inline, allowed by its hash in the Content-Security-Policy): filters and searches the
 * item list by toggling `hidden`, and on a click puts the item's pre-rendered, pre-escaped view from the
 * `#item-data` JSON into `#item-detail`. It reads no data from anywhere else and writes nothing but the DOM.
 * `#item=<id>` in the address opens that item on load.
 */
export const REPORT_SCRIPT = `(function () {
  'use strict';
  var dataElement = document.getElementById('item-data');
  var list = document.getElementById('item-list');
  if (dataElement === null || list === null) return;
  var details = JSON.parse(dataElement.textContent || '{}');
  var rows = Array.prototype.slice.call(list.children);
  var statusFilter = document.getElementById('filter-status');
  var calculatorFilter = document.getElementById('filter-calculator');
  var categoryFilter = document.getElementById('filter-category');
  var search = document.getElementById('filter-search');
  var count = document.getElementById('item-count');
  var none = document.getElementById('item-none');
  var detail = document.getElementById('item-detail');
  var total = rows.length;

  function matches(row, status, calculator, category, terms) {
    var rowStatus = row.getAttribute('data-status');
    if (status === 'suspect' ? rowStatus === 'confirmed' : status !== 'all' && rowStatus !== status) return false;
    if (calculator !== '' && row.getAttribute('data-calculator') !== calculator) return false;
    if (category !== '' && (' ' + row.getAttribute('data-categories') + ' ').indexOf(' ' + category + ' ') < 0) return false;
    var text = row.getAttribute('data-search') || '';
    for (var index = 0; index < terms.length; index++) if (text.indexOf(terms[index]) < 0) return false;
    return true;
  }

  function applyFilters() {
    var terms = search.value.toLowerCase().split(/\\s+/).filter(function (term) { return term !== ''; });
    var shown = 0;
    rows.forEach(function (row) {
      var visible = matches(row, statusFilter.value, calculatorFilter.value, categoryFilter.value, terms);
      row.hidden = !visible;
      if (visible) shown++;
    });
    count.textContent = 'Showing ' + shown + ' of ' + total + ' items.';
    none.hidden = shown !== 0;
  }

  function openItem(id, focus) {
    if (!Object.prototype.hasOwnProperty.call(details, id)) return;
    detail.innerHTML = details[id];
    rows.forEach(function (row) {
      var open = row.getAttribute('data-item-id') === id;
      row.classList.toggle('open', open);
      row.firstElementChild.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    var box = detail.querySelector('.note-box');
    var mark = box === null ? null : box.querySelector('mark');
    if (mark !== null) box.scrollTop = Math.max(0, mark.offsetTop - 48);
    var title = detail.querySelector('.detail-title');
    if (focus && title !== null) {
      title.focus({ preventScroll: true });
      var top = detail.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight * 0.6) detail.scrollIntoView({ block: 'start' });
    }
  }

  list.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-item]');
    if (button !== null) openItem(button.getAttribute('data-item'), true);
  });
  [statusFilter, calculatorFilter, categoryFilter].forEach(function (control) {
    control.addEventListener('change', applyFilters);
  });
  search.addEventListener('input', applyFilters);
  document.getElementById('item-filters').addEventListener('submit', function (event) { event.preventDefault(); });
  document.querySelectorAll('[data-show-calculator]').forEach(function (link) {
    link.addEventListener('click', function () {
      calculatorFilter.value = link.getAttribute('data-show-calculator');
      if (statusFilter.value !== 'suspect' && statusFilter.value !== 'all') statusFilter.value = 'suspect';
      applyFilters();
    });
  });
  applyFilters();
  var hash = window.location.hash;
  if (hash.indexOf('#item=') === 0) {
    try { openItem(decodeURIComponent(hash.slice(6)), true); } catch (error) { /* a malformed address opens nothing */ }
  }
})();`;

/** The `script-src` source for `REPORT_SCRIPT`: its SHA-256, as CSP hashes are written. */
export const REPORT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(REPORT_SCRIPT).digest('base64')}'`;
