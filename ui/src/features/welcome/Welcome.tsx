/** The first-start screen: what Jiffy is and the two ways to begin. */
export function Welcome() {
  return (
    <section className="welcome">
      <img className="welcome-logo" src="/icon.png" alt="" width={88} height={88} />
      <h1 id="page-title">Welcome to Jiffy</h1>
      <p className="lead">
        A fast, native desktop client for Jira Cloud and Jira Data Center. Connect your site
        once and work with issues in real windows.
      </p>
      <div className="welcome-actions">
        <div className="action-card">
          <h2>Connect to your Jira</h2>
          <p>
            A guided wizard finds your site, picks the right way to sign in (API token, OAuth,
            personal access token…) and tells you exactly what to click in Jira.
          </p>
          <button type="button" className="primary" disabled aria-describedby="wizard-soon">
            Connect to Jira
          </button>
          <p id="wizard-soon" className="soon">
            Not built yet: the connection wizard arrives in a coming version.
          </p>
        </div>
        <div className="action-card">
          <h2>Try it without a Jira</h2>
          <p>
            Explore Jiffy against a built-in demo site with realistic projects and issues. No
            account needed, nothing leaves your computer.
          </p>
          <button type="button" disabled aria-describedby="demo-soon">
            Try the demo site
          </button>
          <p id="demo-soon" className="soon">
            Not built yet: the demo site arrives with the connection wizard.
          </p>
        </div>
      </div>
    </section>
  );
}
