// Self-service page for personal API keys (template kse-api-keys.ftl).
//
// Signs in as the public client kse-api-keys with the authorization code flow and PKCE, keeps the access token in
// memory only and calls the bearer-only REST API. Nothing here uses cookies for the API, so a cross-site page cannot
// make the browser act: that is the CSRF defence. Creating or rotating a key may need a recent second factor; the
// page then signs in again with prompt=login and resumes the action. Every value from the server is set with
// textContent, never as HTML.

const root = document.getElementById("kse-api-keys");
const config = root.dataset;
const LOGIN_STATE = "kse-api-keys.login";
const texts = new Map(
  Array.from(document.getElementById("kse-api-keys-text").content.querySelectorAll("[data-key]"))
    .map((span) => [span.dataset.key, span.textContent]),
);
const dates = new Intl.DateTimeFormat(config.locale || undefined, { dateStyle: "medium", timeStyle: "short" });
let accessToken = null;

function text(key) {
  return texts.get(key) ?? texts.get("error-generic");
}

function base64Url(bytes) {
  let binary = "";
  new Uint8Array(bytes).forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function showStatus(message) {
  const status = document.getElementById("kse-api-keys-status");
  status.textContent = message ?? "";
  status.hidden = !message;
}

function showError(message) {
  const box = document.getElementById("kse-api-keys-error");
  document.getElementById("kse-api-keys-error-text").textContent = message ?? "";
  box.hidden = !message;
}

/** Leaves for the authorization endpoint; {@code pending} is resumed once back (never a secret). */
async function signIn(stepUp, pending) {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64Url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem(LOGIN_STATE, JSON.stringify({ state, verifier, pending: pending ?? null }));
  const url = new URL(config.authUrl);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.pageUrl,
    response_type: "code",
    scope: "openid",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...(config.locale ? { ui_locales: config.locale } : {}),
    ...(stepUp ? { prompt: "login" } : {}),
  }).toString();
  location.assign(url.toString());
}

/** The code from the redirect, checked against the state this tab stored; null when it is not ours. */
async function completeSignIn(params) {
  const saved = JSON.parse(sessionStorage.getItem(LOGIN_STATE) ?? "null");
  sessionStorage.removeItem(LOGIN_STATE);
  history.replaceState(null, "", config.pageUrl);
  if (!saved || params.get("state") !== saved.state || !params.get("code") || params.has("error")) {
    return null;
  }
  const response = await fetch(config.tokenUrl, {
    method: "POST",
    credentials: "omit",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: params.get("code"),
      redirect_uri: config.pageUrl,
      client_id: config.clientId,
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) {
    return null;
  }
  accessToken = (await response.json()).access_token;
  return { pending: saved.pending };
}

async function api(method, path, body) {
  const headers = { Authorization: "Bearer " + accessToken };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(config.apiUrl + path, {
    method,
    headers,
    credentials: "omit",
    cache: "no-store",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json = null;
  if (response.status !== 204) {
    try {
      json = await response.json();
    } catch (e) {
      json = null;
    }
  }
  return { status: response.status, json };
}

function showNewKey(key) {
  const panel = document.getElementById("kse-api-key-new");
  const value = document.getElementById("kse-api-key-new-value");
  value.value = key;
  panel.hidden = false;
  value.focus();
  value.select();
}

function statusText(key) {
  if (key.status === "active" && key.rotatedAt) {
    return text("status-rotated");
  }
  return text("status-" + key.status);
}

function render(keys) {
  const rows = document.getElementById("kse-api-keys-rows");
  const template = document.getElementById("kse-api-key-row");
  rows.replaceChildren();
  for (const key of keys) {
    const row = template.content.firstElementChild.cloneNode(true);
    row.dataset.keyId = key.id;
    row.querySelector(".kse-api-key-label").textContent = key.label;
    row.querySelector(".kse-api-key-id").textContent = key.id;
    row.querySelector(".kse-api-key-status").textContent = statusText(key);
    row.querySelector(".kse-api-key-expires").textContent = dates.format(new Date(key.expiresAt));
    row.querySelector(".kse-api-key-last-used").textContent = key.lastUsedAt
      ? dates.format(new Date(key.lastUsedAt)) + (key.lastUsedIp ? " (" + key.lastUsedIp + ")" : "")
      : text("never");
    const active = key.status === "active";
    const rotate = row.querySelector(".kse-api-key-rotate");
    const revoke = row.querySelector(".kse-api-key-revoke");
    rotate.hidden = !active || Boolean(key.rotatedAt);
    revoke.hidden = key.status === "revoked";
    rotate.addEventListener("click", () => perform({ action: "rotate", id: key.id }));
    revoke.addEventListener("click", () => perform({ action: "revoke", id: key.id }));
    rows.append(row);
  }
  document.getElementById("kse-api-keys-empty").hidden = keys.length > 0;
}

async function refresh() {
  const reply = await api("GET", "");
  if (reply.status === 401) {
    await signIn(false, null);
    return;
  }
  if (reply.status !== 200) {
    showError(text("error-generic"));
    return;
  }
  showStatus(null);
  document.getElementById("kse-api-keys-content").hidden = false;
  render(reply.json);
}

/** create, rotate or revoke; {@code resumed} after a step-up sign-in, which must not loop. */
async function perform(pending, resumed = false) {
  showError(null);
  let reply;
  if (pending.action === "create") {
    const body = { label: pending.label };
    if (pending.days) {
      body.expiresInDays = Number(pending.days);
    }
    reply = await api("POST", "", body);
  } else if (pending.action === "rotate") {
    reply = await api("POST", "/" + encodeURIComponent(pending.id) + "/rotate");
  } else if (pending.action === "revoke") {
    reply = await api("DELETE", "/" + encodeURIComponent(pending.id));
  } else {
    return;
  }
  if (reply.status === 401 && !resumed) {
    await signIn(false, pending);
    return;
  }
  if (reply.status === 403 && reply.json?.error === "step_up_required" && !resumed && pending.action !== "revoke") {
    showStatus(text("step-up"));
    await signIn(true, pending);
    return;
  }
  if (reply.status === 201) {
    showNewKey(reply.json.key);
    document.getElementById("kse-api-key-create-form").reset();
  } else if (reply.status !== 204) {
    showError(text("error-" + (reply.json?.error ?? "generic")));
  }
  await refresh();
}

document.getElementById("kse-api-key-create-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const label = document.getElementById("kse-api-key-label").value.trim();
  const days = document.getElementById("kse-api-key-days").value.trim();
  perform({ action: "create", label, days });
});

(async () => {
  const params = new URLSearchParams(location.search);
  if (!params.has("state")) {
    await signIn(false, null);
    return;
  }
  const signedIn = await completeSignIn(params);
  if (!signedIn) {
    showStatus(null);
    showError(text("error-login"));
    return;
  }
  if (signedIn.pending) {
    await perform(signedIn.pending, true);
  } else {
    await refresh();
  }
})().catch(() => {
  showStatus(null);
  showError(text("error-generic"));
});
