//! Wiring: shared state, the router with its layers, start-up and graceful shutdown.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::Request;
use axum::middleware::{from_fn_with_state, map_request_with_state};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tower::Layer;

use crate::store::Store;
use crate::{Config, Mode, OAuth2ClientInfo, StartInfo};

/// Shared by every handler.
pub struct Inner {
    pub cfg: Config,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub cloud_id: String,
    pub store: Mutex<Store>,
    pub faults: crate::faults::Faults,
    pub persist: Option<crate::persist::Persist>,
}

/// The axum state type.
pub type App = Arc<Inner>;

impl Inner {
    /// Locks the store; a poisoned lock (a panic elsewhere) still yields the data.
    pub fn lock(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn mode(&self) -> Mode {
        self.cfg.mode
    }
}

/// Present on requests that came through `/ex/jira/{cloudId}` (the Cloud API gateway).
#[derive(Clone, Copy, Debug)]
pub struct Gateway;

tokio::task_local! {
    /// Whether the request being handled came through the gateway path (read by
    /// `routes::ctx`, so links in answers point back through the gateway as Atlassian's do).
    pub static VIA_GATEWAY: bool;
}

/// Runs the rest of the stack with [`VIA_GATEWAY`] set for this request.
async fn gateway_scope(req: Request, next: axum::middleware::Next) -> axum::response::Response {
    let via = req.extensions().get::<Gateway>().is_some();
    VIA_GATEWAY.scope(via, next.run(req)).await
}

/// The path and query the client actually used (before the gateway prefix was stripped).
#[derive(Clone, Debug)]
pub struct OriginalPathQuery(pub String);

/// Handle to stop a running server.
pub struct Running {
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
    app: App,
}

impl Running {
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
        crate::persist::flush(&self.app);
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

pub async fn start(cfg: Config) -> anyhow::Result<(StartInfo, Running)> {
    let listener = TcpListener::bind(cfg.addr).await?;
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}");
    let persist = match &cfg.data_dir {
        Some(dir) => Some(crate::persist::Persist::open(dir)?),
        None => None,
    };
    let loaded = persist.as_ref().and_then(|p| p.load());
    let fresh = loaded.is_none();
    let mut store = match loaded {
        Some(s) => s,
        None => crate::seed::build(&cfg),
    };
    store.reindex();
    let cloud_id = crate::seed::CLOUD_ID.to_string();
    let oauth2 = (cfg.mode == Mode::Cloud).then(|| OAuth2ClientInfo {
        client_id: crate::seed::CLOUD_CLIENT_ID.into(),
        client_secret: crate::seed::CLOUD_CLIENT_SECRET.into(),
        cloud_id: cloud_id.clone(),
    });
    let info = StartInfo {
        base_url: base.clone(),
        mode: cfg.mode,
        users: crate::seed::demo_users(&store),
        oauth2,
    };
    if let (Some(p), true) = (&persist, fresh) {
        p.save_all(&mut store);
    }
    let faults = crate::faults::Faults::new(&cfg);
    let app: App = Arc::new(Inner {
        cfg,
        base,
        cloud_id,
        store: Mutex::new(store),
        faults,
        persist,
    });
    let router = build_router(app.clone());
    let rewrite = map_request_with_state(app.clone(), gateway_rewrite);
    let service = rewrite.layer(router);
    let (tx, rx) = oneshot::channel::<()>();
    let persister = app.clone();
    let flusher = app.clone();
    let task = tokio::spawn(async move {
        let (stop_saver, saver_stop) = oneshot::channel::<()>();
        let saver = tokio::spawn(async move { crate::persist::run(persister, saver_stop).await });
        let make = axum::ServiceExt::<Request>::into_make_service(service);
        let _ = axum::serve(listener, make)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await;
        // Let a write in progress finish before the final flush, so writes stay in order.
        let _ = stop_saver.send(());
        let _ = saver.await;
        crate::persist::flush(&flusher);
    });
    Ok((
        info,
        Running {
            stop: Some(tx),
            task,
            app,
        },
    ))
}

fn build_router(app: App) -> Router {
    crate::routes::router()
        .merge(crate::auth::router())
        .fallback(crate::routes::fallback)
        .layer(axum::middleware::from_fn(crate::routes::json_rejections))
        .layer(axum::middleware::from_fn(crate::routes::xsrf))
        .layer(from_fn_with_state(app.clone(), crate::auth::middleware))
        .layer(from_fn_with_state(app.clone(), crate::faults::middleware))
        .layer(axum::middleware::from_fn(gateway_scope))
        .with_state(app)
}

/// Strips `/ex/jira/{cloudId}` (Cloud only) so the gateway serves the same routes, and
/// remembers the path the client used (OAuth 1.0a signs it).
async fn gateway_rewrite(
    axum::extract::State(app): axum::extract::State<App>,
    mut req: Request,
) -> Request {
    let original = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| req.uri().path().to_string());
    req.extensions_mut()
        .insert(OriginalPathQuery(original.clone()));
    if app.mode() != Mode::Cloud {
        return req;
    }
    let Some(rest) = original.strip_prefix("/ex/jira/") else {
        return req;
    };
    let (cloud_id, tail) = rest.split_once('/').unwrap_or((rest, ""));
    let new = if cloud_id == app.cloud_id {
        req.extensions_mut().insert(Gateway);
        format!("/{tail}")
    } else {
        // Unknown site: route to a path that matches nothing, answered by the fallback.
        "/__unknown_cloud_site".to_string()
    };
    if let Ok(uri) = new.parse() {
        *req.uri_mut() = uri;
    }
    req
}
