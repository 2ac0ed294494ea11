/**
 * The token doctor page's script (`/docs/doctor/doctor.js`) and stylesheet (`/docs/doctor/doctor.css`). Plain
 * browser JavaScript (ES2020), kept as text like the portal's own script (the gateway bundle has no browser build).
 * It reads its settings from the page's JSON block, posts the token to the diagnose endpoint, gets a token by client
 * credentials from the identity service when asked, and draws the report with textContent only.
 */

import { explainTokenFailureFunction } from '../explain-token-failure-script';

export const DOCTOR_PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('doctor-config').textContent);
  var tokenBox = document.getElementById('doctor-token');
  var statusLine = document.getElementById('doctor-status');
  var results = document.getElementById('doctor-results');
  var STATUS = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', unchecked: 'NOT CHECKED', conditional: 'DEPENDS ON <choose>' };

  function say(text, kind) {
    statusLine.textContent = text;
    statusLine.className = kind ? 'doctor-' + kind : '';
  }

  function el(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function diagnose() {
    var token = tokenBox.value;
    if (!token.trim()) {
      say('Paste a token first, or get one below.', 'fail');
      return;
    }
    say('Diagnosing…');
    fetch(config.diagnoseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: token }),
      credentials: 'same-origin',
      cache: 'no-store',
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { status: response.status, body: body };
        });
      })
      .then(function (answer) {
        if (answer.status !== 200) {
          results.replaceChildren();
          say('The doctor answered ' + answer.status + ': ' + String(answer.body && answer.body.message), 'fail');
          return;
        }
        render(answer.body);
        say('Diagnosed at ' + answer.body.judgedAt + ': ' + (answer.body.result === 'pass'
          ? 'every check passed.' : 'some checks failed; their hints say what to do.'), answer.body.result);
      })
      .catch(function (error) {
        say('The doctor could not be reached: ' + error.message, 'fail');
      });
  }

  // Swagger UI (and fetch) report any network failure as "Failed to fetch": say which of the usual causes it is.
  ${explainTokenFailureFunction('restart the browser')}

  function obtain() {
    var picker = document.getElementById('doctor-api');
    var option = picker.options[picker.selectedIndex];
    var clientId = document.getElementById('doctor-client-id').value.trim();
    var secretBox = document.getElementById('doctor-client-secret');
    if (!option || !clientId || !secretBox.value) {
      say('Enter the client id and its secret first.', 'fail');
      return;
    }
    var scope = option.getAttribute('data-scope');
    say('Asking ' + config.identityOrigin + ' for a token with scope ' + scope + '…');
    var form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secretBox.value,
      scope: scope,
    });
    fetch(config.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      credentials: 'omit',
      cache: 'no-store',
    }).then(
      function (response) {
        return response.json().then(function (body) {
          if (body && typeof body.access_token === 'string') {
            tokenBox.value = body.access_token;
            diagnose();
            return;
          }
          var reason = (body && (body.error_description || body.error)) || 'HTTP ' + response.status;
          say('The identity service gave no token: ' + String(reason), 'fail');
        });
      },
      function () {
        return explainTokenFailure().then(function (help) {
          say(help, 'fail');
        });
      },
    ).catch(function (error) {
      say('No token: ' + error.message, 'fail');
    });
  }

  function checksTable(checks) {
    var table = el('table', 'doctor-checks');
    var head = el('tr');
    ['Check', 'Result', 'Detail', 'Hint'].forEach(function (name) {
      head.appendChild(el('th', null, name));
    });
    table.appendChild(el('thead')).appendChild(head);
    var body = table.appendChild(el('tbody'));
    checks.forEach(function (check) {
      var row = el('tr', 'doctor-' + check.status);
      row.setAttribute('data-check', check.check);
      row.appendChild(el('td', 'doctor-check', check.check));
      row.appendChild(el('td', 'doctor-status', STATUS[check.status] || check.status));
      row.appendChild(el('td', 'doctor-detail', check.detail + (check.code ? ' (' + check.code + ')' : '')));
      row.appendChild(el('td', 'doctor-hint', check.hint || ''));
      body.appendChild(row);
    });
    return table;
  }

  function targetBlock(target) {
    var block = el('div', 'doctor-target doctor-' + target.result + (target.condition ? ' doctor-conditional' : ''));
    block.appendChild(el('h4', null, STATUS[target.result] + '  ' + target.label));
    if (target.condition) {
      block.appendChild(el('p', 'doctor-note', 'Runs only when ' + target.condition + ' (the doctor does not ' +
        'evaluate conditions; its result does not decide the API\'s).'));
    }
    block.appendChild(checksTable(target.checks));
    block.appendChild(el('p', 'doctor-answer', '→ ' + target.answer));
    return block;
  }

  function uncheckedList(unchecked) {
    var list = el('ul', 'doctor-unchecked');
    unchecked.forEach(function (policy) {
      list.appendChild(el('li', null, 'Not checked: ' + policy.label + ': ' + policy.reason));
    });
    return list;
  }

  function render(report) {
    results.replaceChildren();
    if (report.token.length > 0) {
      var facts = el('section', 'doctor-token-facts');
      facts.appendChild(el('h2', null, 'Token (decoded; not the token itself)'));
      var table = el('table', 'doctor-facts');
      report.token.forEach(function (row) {
        var tr = el('tr');
        tr.appendChild(el('th', null, row.name));
        tr.appendChild(el('td', null, row.value));
        table.appendChild(tr);
      });
      facts.appendChild(table);
      results.appendChild(facts);
    }
    var format = el('section', 'doctor-format');
    format.appendChild(checksTable(report.checks));
    results.appendChild(format);
    report.apis.forEach(function (api) {
      var section = el('section', 'doctor-api doctor-' + api.result);
      section.setAttribute('data-api', api.id);
      section.appendChild(el('h2', null, STATUS[api.result] + '  ' + api.name + ' (' + api.path + ')'));
      section.appendChild(el('p', 'doctor-summary', api.summary));
      api.targets.forEach(function (target) {
        section.appendChild(targetBlock(target));
      });
      if (api.unchecked.length > 0) section.appendChild(uncheckedList(api.unchecked));
      if (api.operations.length > 0) {
        section.appendChild(el('h3', null, 'Operations that differ'));
        api.operations.forEach(function (operation) {
          var block = el('div', 'doctor-operation doctor-' + operation.result);
          block.setAttribute('data-operation', operation.id);
          block.appendChild(el('h4', null, STATUS[operation.result] + '  ' + operation.method + ' ' +
            operation.urlTemplate + ' (' + operation.name + ')'));
          if (operation.note) block.appendChild(el('p', 'doctor-note', operation.note));
          operation.targets.forEach(function (target) {
            block.appendChild(targetBlock(target));
          });
          if (operation.unchecked.length > 0) block.appendChild(uncheckedList(operation.unchecked));
          section.appendChild(block);
        });
      }
      results.appendChild(section);
    });
  }

  document.getElementById('doctor-diagnose').addEventListener('click', diagnose);
  var obtainButton = document.getElementById('doctor-obtain');
  if (obtainButton) obtainButton.addEventListener('click', obtain);
})();
`;

export const DOCTOR_PAGE_CSS = `
body { margin: 0; font-family: sans-serif; font-size: 14px; color: #3b4151; background: #fafafa; }
header { display: flex; align-items: baseline; gap: 24px; padding: 12px 24px; background: #1b1b1b; color: #fff; }
header h1 { margin: 0; font-size: 20px; }
header a { color: #89bf04; }
main { max-width: 1460px; margin: 0 auto; padding: 8px 24px 48px; }
code { background: #eee; padding: 0 3px; border-radius: 3px; }
.doctor-input textarea { width: 100%; box-sizing: border-box; font-family: monospace; font-size: 12px; margin: 6px 0; }
.doctor-input button { margin-right: 8px; padding: 6px 14px; font-weight: bold; }
.doctor-obtain-row { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
.doctor-obtain-row input { width: 300px; }
.doctor-note { color: #555; font-size: 12px; }
#doctor-status { font-weight: bold; white-space: pre-wrap; }
#doctor-status.doctor-fail { color: #c0392b; }
#doctor-status.doctor-pass { color: #1e8449; }
section.doctor-api, section.doctor-token-facts { border: 1px solid #d0d0d0; border-radius: 4px; background: #fff; padding: 4px 16px 12px; margin: 16px 0; }
section.doctor-api.doctor-pass { border-left: 6px solid #49cc90; }
section.doctor-api.doctor-fail { border-left: 6px solid #f93e3e; }
section.doctor-api.doctor-unchecked, section.doctor-api.doctor-conditional { border-left: 6px solid #999; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; table-layout: fixed; }
th, td { border: 1px solid #e0e0e0; padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; white-space: pre-wrap; }
table.doctor-facts th { width: 160px; }
table.doctor-checks th:nth-child(1) { width: 140px; }
table.doctor-checks th:nth-child(2) { width: 90px; }
tr.doctor-pass td.doctor-status { color: #1e8449; font-weight: bold; }
tr.doctor-fail td { background: #fff1f1; }
tr.doctor-fail td.doctor-status { color: #c0392b; font-weight: bold; }
tr.doctor-skip td.doctor-status { color: #7f8c8d; font-weight: bold; }
.doctor-answer { font-family: monospace; overflow-wrap: anywhere; }
.doctor-target.doctor-fail .doctor-answer { color: #c0392b; }
.doctor-operation { margin-left: 16px; }
`;
