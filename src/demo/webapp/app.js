// The demo page: asks the demo's API for links and polls pending links and observed events.
'use strict';

const state = {
    clockOffsetMillis: 0,   // server time minus browser time
    lastEventSequence: 0,
    resultExpiresAt: null,
};

function $(id) {
    return document.getElementById(id);
}

async function api(method, path, body) {
    const options = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
    }
    const response = await fetch('api/' + path, options);
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
        const message = data && data.message ? data.message : response.status + ' ' + response.statusText;
        const error = new Error(message);
        error.details = data;
        throw error;
    }
    return data;
}

function remainingText(expiresAt) {
    const millis = Date.parse(expiresAt) - (Date.now() + state.clockOffsetMillis);
    if (millis <= 0) {
        return 'expired';
    }
    const seconds = Math.ceil(millis / 1000);
    const minutes = Math.floor(seconds / 60);
    return minutes > 0 ? minutes + ' min ' + (seconds % 60) + ' s' : seconds + ' s';
}

function showError(message) {
    const error = $('error');
    error.textContent = message;
    error.hidden = !message;
}

async function loadStatus() {
    const status = await api('GET', 'status');
    const mode = $('mode');
    mode.dataset.mode = status.mode;
    if (status.mode === 'sandbox') {
        mode.textContent = 'Sandbox mode: link requests go to the sandbox at ' + status.target
            + ' on this machine; nothing reaches AIsa or X (' + status.reason + ').';
    } else {
        mode.textContent = 'Real mode: link requests go to AIsa at ' + status.target
            + ' with your API key (' + status.reason + ').';
    }

    const fieldset = $('scopes');
    for (const scope of status.scopes) {
        const label = document.createElement('label');
        label.className = 'scope';
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.name = 'scope';
        box.value = scope.name;
        box.checked = scope.byDefault;
        label.append(box, ' ' + scope.name);
        fieldset.append(label);
    }
}

async function requestLink(event) {
    event.preventDefault();
    showError('');
    const button = $('request-link');
    button.disabled = true;
    try {
        const scopes = [...document.querySelectorAll('input[name=scope]:checked')].map((box) => box.value);
        const link = await api('POST', 'links', { subject: $('subject').value, scopes });
        const anchor = $('auth-url');
        anchor.href = link.authUrl;
        anchor.textContent = link.authUrl;
        state.resultExpiresAt = link.expiresAt;
        $('result-countdown').textContent = remainingText(link.expiresAt);
        $('result').hidden = false;
        await refreshPending();
    } catch (error) {
        showError('Could not request a link: ' + error.message);
    } finally {
        button.disabled = false;
    }
}

async function act(method, path) {
    showError('');
    try {
        await api(method, path);
    } catch (error) {
        showError(error.message);
    }
    await refreshPending();
}

function pendingRow(link) {
    const row = document.createElement('tr');
    row.className = 'link';
    row.dataset.handle = link.handle;
    row.dataset.expiresAt = link.expiresAt;

    const subject = document.createElement('td');
    subject.className = 'subject';
    subject.textContent = link.subject || '(none)';
    const scopes = document.createElement('td');
    scopes.className = 'scopes';
    scopes.textContent = link.scopes.join(' ');
    const countdown = document.createElement('td');
    countdown.className = 'countdown';
    const actions = document.createElement('td');

    const open = document.createElement('a');
    open.className = 'open';
    open.href = link.authUrl;
    open.target = '_blank';
    open.rel = 'noopener noreferrer';
    open.textContent = 'Open';
    const linked = document.createElement('button');
    linked.className = 'mark-linked';
    linked.textContent = 'Mark linked';
    linked.addEventListener('click', () => act('POST', 'links/' + link.handle + '/linked'));
    const cancel = document.createElement('button');
    cancel.className = 'cancel';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => act('DELETE', 'links/' + link.handle));
    actions.append(open, ' ', linked, ' ', cancel);

    row.append(subject, scopes, countdown, actions);
    return row;
}

async function refreshPending() {
    const pending = await api('GET', 'links');
    state.clockOffsetMillis = Date.parse(pending.now) - Date.now();

    // Rows are kept while their link is pending, so a button is never replaced under the pointer.
    const body = document.querySelector('#pending tbody');
    const wanted = new Set(pending.links.map((link) => link.handle));
    for (const row of [...body.rows]) {
        if (!wanted.has(row.dataset.handle)) {
            row.remove();
        }
    }
    const present = new Set([...body.rows].map((row) => row.dataset.handle));
    for (const link of pending.links) {
        if (!present.has(link.handle)) {
            body.append(pendingRow(link));
        }
    }
    $('no-pending').hidden = pending.links.length > 0;
    tick();
}

async function refreshEvents() {
    const events = await api('GET', 'events?after=' + state.lastEventSequence);
    const body = document.querySelector('#events tbody');
    for (const event of events) {
        const row = document.createElement('tr');
        row.className = 'event';
        row.dataset.kind = event.kind;
        row.dataset.delivery = event.delivery;
        row.dataset.subject = event.subject || '';
        for (const [name, text] of [
            ['time', new Date(event.observedAt).toLocaleTimeString()],
            ['kind', event.kind],
            ['delivery', event.delivery],
            ['subject', event.subject || '(none)'],
        ]) {
            const cell = document.createElement('td');
            cell.className = name;
            cell.textContent = text;
            row.append(cell);
        }
        body.prepend(row);
        state.lastEventSequence = Math.max(state.lastEventSequence, event.sequence);
    }
}

function tick() {
    for (const row of document.querySelectorAll('#pending tbody tr')) {
        row.querySelector('.countdown').textContent = remainingText(row.dataset.expiresAt);
    }
    if (state.resultExpiresAt) {
        $('result-countdown').textContent = remainingText(state.resultExpiresAt);
    }
}

function showOutcome() {
    const params = new URLSearchParams(window.location.search);
    const outcome = params.get('outcome');
    if (!outcome) {
        return;
    }
    const texts = {
        linked: 'The sandbox reported your approval: the app marked the link as linked.',
        denied: 'You cancelled on the consent page: the app stopped tracking the link.',
        unknown: 'That link was no longer pending (it expired or was already handled).',
    };
    const element = $('outcome');
    element.textContent = texts[outcome] || texts.unknown;
    element.dataset.outcome = outcome;
    element.hidden = false;
    window.history.replaceState(null, '', window.location.pathname);
}

async function poll() {
    try {
        await Promise.all([refreshPending(), refreshEvents()]);
    } catch (error) {
        showError('Lost contact with the demo server: ' + error.message);
    }
}

async function start() {
    showOutcome();
    $('link-form').addEventListener('submit', requestLink);
    try {
        await loadStatus();
    } catch (error) {
        showError('Could not load the demo status: ' + error.message);
    }
    await poll();
    setInterval(poll, 1000);
    setInterval(tick, 250);
}

start();
