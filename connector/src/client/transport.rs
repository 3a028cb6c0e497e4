//! Where a request leaves the client: the connection pool, or, in tests
//! built with the `testing` feature, whatever a [`Cassette`] puts in its
//! place for the task it runs.
//!
//! Without the `testing` feature this is the pool's `execute` and nothing
//! else: [`Captured`] holds nothing and no task-local is consulted.
//!
//! [`Cassette`]: crate::testing::Cassette

#[cfg(feature = "testing")]
use std::future::Future;
#[cfg(feature = "testing")]
use std::pin::Pin;
#[cfg(feature = "testing")]
use std::sync::Arc;

#[cfg(feature = "testing")]
pub(crate) use super::secrets::Secrets;

/// What a test puts between the client and the network.
#[cfg(feature = "testing")]
pub(crate) trait Interceptor: Send + Sync + 'static {
    /// Answers `request`, a client's request with `known`, the client's own
    /// credential values: from a recording, or by sending it with `http` and
    /// recording the exchange.
    fn exchange<'a>(
        &'a self,
        http: &'a reqwest::Client,
        request: reqwest::Request,
        known: &'a [String],
    ) -> Pin<Box<dyn Future<Output = Result<reqwest::Response, reqwest::Error>> + Send + 'a>>;
}

#[cfg(feature = "testing")]
tokio::task_local! {
    static INTERCEPTOR: Arc<dyn Interceptor>;
}

/// Runs `future` with every request of the framework's clients going to
/// `interceptor`.
#[cfg(feature = "testing")]
pub(crate) async fn scope<F: Future>(interceptor: Arc<dyn Interceptor>, future: F) -> F::Output {
    INTERCEPTOR.scope(interceptor, future).await
}

/// The interceptor of the current task, if any.
#[cfg(feature = "testing")]
pub(crate) fn current() -> Option<Arc<dyn Interceptor>> {
    INTERCEPTOR.try_with(Arc::clone).ok()
}

/// The interceptor in force when a client was built, so that the client
/// keeps using it from a task of its own (`tokio::spawn` does not carry
/// task-locals). Holds nothing without the `testing` feature.
#[derive(Clone, Default)]
pub(crate) struct Captured {
    #[cfg(feature = "testing")]
    interceptor: Option<Arc<dyn Interceptor>>,
}

impl Captured {
    /// The current task's interceptor.
    pub(crate) fn current() -> Self {
        Self {
            #[cfg(feature = "testing")]
            interceptor: current(),
        }
    }
}

/// Sends one request: through the current task's interceptor, or the one
/// the client was built under, or else over the network.
#[cfg_attr(not(feature = "testing"), allow(unused_variables))]
pub(crate) async fn execute(
    http: &reqwest::Client,
    request: reqwest::Request,
    known: &[String],
    captured: &Captured,
) -> Result<reqwest::Response, reqwest::Error> {
    #[cfg(feature = "testing")]
    if let Some(interceptor) = current().or_else(|| captured.interceptor.clone()) {
        return interceptor.exchange(http, request, known).await;
    }
    http.execute(request).await
}
