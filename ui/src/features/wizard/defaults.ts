// What the step-3 forms start with: sensible defaults, the demo site's app, or (reconnecting)
// the connection's own non-secret settings.
import type { AuthMethod } from "../../bindings/AuthMethod";
import type { Site } from "../../ipc";
import type { Fields, WizardLaunch } from "./model";
import { DEFAULT_PORT, DEFAULT_SCOPES } from "./OAuth2Form";

/** The default name of a token Jiffy creates. */
// The IPC has no host name to offer, so the name says where without guessing one.
export const DEFAULT_TOKEN_NAME = "Jiffy on this computer";

/** Whether `site` is the demo site this wizard was launched for. */
function isDemoSite(launch: WizardLaunch, site: Site): boolean {
  if (launch.kind === "reconnect") return launch.isDemo;
  if (launch.kind !== "demo") return false;
  const strip = (url: string) => url.replace(/\/+$/, "");
  return strip(launch.demo.baseUrl) === strip(site.baseUrl);
}

/** Fields to pre-fill for `method` on `site` (only where the person typed nothing yet). */
export function defaultsFor(method: AuthMethod, site: Site, launch: WizardLaunch): Fields {
  const demo = launch.kind === "demo" && isDemoSite(launch, site) ? launch.demo : null;
  const cloud = site.deployment === "cloud";
  const fields: Fields = {};
  switch (method) {
    case "pat":
      fields["pat.tokenName"] = DEFAULT_TOKEN_NAME;
      fields["pat.expiryDays"] = "90";
      break;
    case "oauth2":
      fields["oauth2.redirect"] = "loopback";
      fields["oauth2.port"] = DEFAULT_PORT;
      fields["oauth2.scopes"] = cloud ? DEFAULT_SCOPES.cloud : DEFAULT_SCOPES.dataCenter;
      if (demo) {
        fields["oauth2.clientId"] = demo.oauth2ClientId ?? "";
        fields["oauth2.clientSecret"] = demo.oauth2ClientSecret ?? "";
        // The demo Cloud site is its own authorization server and API gateway.
        if (cloud) {
          fields["oauth2.authHost"] = demo.baseUrl;
          fields["oauth2.apiHost"] = demo.baseUrl;
        }
      }
      break;
    default:
      break;
  }
  if (launch.kind === "reconnect") Object.assign(fields, fromConnection(launch));
  return fields;
}

/** A reconnect keeps the connection's settings; secrets are typed again. */
function fromConnection(launch: Extract<WizardLaunch, { kind: "reconnect" }>): Fields {
  const auth = launch.connection.auth;
  switch (auth.method) {
    case "apiToken":
      return { "apiToken.email": auth.email };
    case "basic":
      return { "basic.username": auth.username };
    case "pat":
      return auth.username ? { "pat.username": auth.username } : {};
    case "oauth1":
      return { "oauth1.callback": auth.callback.mode };
    case "oauth2": {
      const fields: Fields = {
        "oauth2.clientId": auth.clientId,
        "oauth2.scopes": auth.scopes.join(" "),
        "oauth2.port": String(auth.redirectPort),
        "oauth2.redirect": auth.redirectUri ? "deepLink" : "loopback",
      };
      if (auth.authHost) fields["oauth2.authHost"] = auth.authHost;
      if (auth.apiHost) fields["oauth2.apiHost"] = auth.apiHost;
      return fields;
    }
  }
}
