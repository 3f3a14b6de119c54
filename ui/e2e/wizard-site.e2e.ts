// The wizard's first steps when things go wrong: an address nothing answers on, a web server
// that is not Jira, a site whose certificate comes from a private CA (then trusted with the
// CA file), and a password that ends in Jira's CAPTCHA.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createTlsServer, type Server as TlsServer } from "node:https";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import {
  expectAccessible,
  fill,
  nextOpenedUrl,
  openedUrls,
  press,
  startSandbox,
  valueOf,
  waitForText,
  type OwnSandbox,
} from "./flows";

/** A private CA and a certificate for 127.0.0.1 it signed, made with openssl. */
function makeCertificates() {
  const dir = mkdtempSync(join(tmpdir(), "jiffy-e2e-tls-"));
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
    "-days", "2", "-subj", "/CN=Jiffy E2E Private CA"]);
  run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "site.key", "-out", "site.csr",
    "-subj", "/CN=127.0.0.1"]);
  const ext = join(dir, "ext.cnf");
  execFileSync("sh", ["-c", `printf 'subjectAltName=IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\n' > ${ext}`]);
  run(["x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
    "-out", "site.pem", "-days", "2", "-extfile", ext]);
  return {
    caPath: join(dir, "ca.pem"),
    key: readFileSync(join(dir, "site.key")),
    cert: readFileSync(join(dir, "site.pem")),
  };
}

function listen<T extends Server | TlsServer>(server: T): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
}

async function toSiteStep(browser: Browser) {
  await (await getByRole(browser, "button", "Connections")).click();
  await press(browser, "Add connection");
  await getByRole(browser, "heading", "Where is your Jira?");
}

describe("the wizard explains what went wrong", () => {
  let browser: Browser;
  let sandbox: OwnSandbox;
  let notJira: Server;
  let tls: TlsServer;
  let tlsPort = 0;
  let caPath = "";

  beforeAll(async () => {
    sandbox = await startSandbox(["--mode", "datacenter"]);
    notJira = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>Intranet home</body></html>");
    });
    await listen(notJira);
    const certs = makeCertificates();
    caPath = certs.caPath;
    // An HTTPS front for the sandbox, with the private CA's certificate.
    const target = new URL(sandbox.baseUrl);
    tls = createTlsServer({ key: certs.key, cert: certs.cert }, (req, res) => {
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    tlsPort = await listen(tls);
    browser = await launchApp();
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `wizard-site ${ctx.task.name}`);
  });

  afterAll(async () => {
    await browser?.deleteSession();
    notJira?.close();
    tls?.close();
    sandbox?.stop();
  });

  it("says when nothing answers at the address, keeping it", async () => {
    await toSiteStep(browser);
    await fill(browser, "Jira URL", "http://127.0.0.1:9/jira");
    await press(browser, "Continue");
    await waitForText(browser, "alert", /.+/);
    expect(await valueOf(browser, "Jira URL")).toBe("http://127.0.0.1:9/jira");
    await expectAccessible(browser, "the site step with an error");
  });

  it("says when the address is a web site but not Jira", async () => {
    const port = (notJira.address() as AddressInfo).port;
    await fill(browser, "Jira URL", `http://127.0.0.1:${port}/`);
    await press(browser, "Continue");
    await waitForText(browser, "alert", /not.*Jira|Jira.*not/i);
  });

  it("explains an untrusted certificate and connects once the CA file is given", async () => {
    await fill(browser, "Jira URL", `https://127.0.0.1:${tlsPort}`);
    await press(browser, "Continue");
    await waitForText(browser, "alert", /certificate/i);
    await screenshot(browser, "wizard-1-tls-error");
    await fill(browser, "CA certificate file", caPath);
    await press(browser, "Continue");
    await waitForText(browser, "status", /Found Jira/);
    await getByRole(browser, "heading", "How do you want to sign in?");
  });

  it("leads to the browser when Jira asks for a CAPTCHA", async () => {
    await toSiteStep(browser);
    await fill(browser, "Jira URL", sandbox.baseUrl);
    await press(browser, "Continue");
    await waitForText(browser, "status", /Found Jira/);
    await (await getByRole(browser, "radio", "Username and password")).click();
    await press(browser, "Continue");
    await fill(browser, "Username", "bob");
    for (let attempt = 0; attempt < 4; attempt++) {
      await fill(browser, "Password", `wrong-${attempt}`);
      await press(browser, "Sign in");
      await waitForText(browser, "alert", /.+/);
    }
    await waitForText(browser, "alert", /browser/i);
    await expectAccessible(browser, "the CAPTCHA error");
    const before = openedUrls().length;
    await press(browser, "Open the login page");
    expect(await nextOpenedUrl(browser, before)).toContain(sandbox.baseUrl);
    expect(await valueOf(browser, "Username")).toBe("bob");
  });
});
