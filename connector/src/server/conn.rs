//! Accepting connections: no more than so many open at once, and none kept
//! by a client that is slow to send its request or to take the answer.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Sleep;

/// What bounds the connections.
#[derive(Clone, Copy)]
pub(super) struct Limits {
    pub(super) header_timeout: Duration,
    pub(super) max_connections: usize,
}

/// Serves `router` on `listener` until `shutdown` completes, then lets the
/// connections finish the requests they have started.
pub(super) async fn serve(
    router: Router,
    listener: TcpListener,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let mut http = http1::Builder::new();
    // hyper starts this deadline whenever it waits for a request head, after
    // an answer as well as on a new connection, so it also closes
    // connections left idle.
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer, slot) = tokio::select! {
            () = &mut shutdown => break,
            accepted = accept(&listener, &slots) => accepted,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            tower_service::Service::call(&mut router.clone(), request.map(Body::new))
        });
        let io = TokioIo::new(StallGuard::new(stream, limits.header_timeout));
        let connection = graceful.watch(http.serve_connection(io, service));
        tokio::spawn(async move {
            // A failed connection is the client's doing (a reset, a malformed
            // or late request): nothing the server can act on.
            let _ = connection.await;
            drop(slot);
        });
    }
    // Connections still waiting in the listen queue are refused from here on.
    drop(listener);
    graceful.shutdown().await;
}

/// The next connection, with its slot.
async fn accept(
    listener: &TcpListener,
    slots: &Arc<Semaphore>,
) -> (TcpStream, SocketAddr, OwnedSemaphorePermit) {
    // The slot comes first: beyond the cap, connections wait in the kernel's
    // listen queue, where they hold none of this process's file descriptors.
    let slot = Arc::clone(slots)
        .acquire_owned()
        .await
        .expect("the connection slots are never closed");
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => return (stream, peer, slot),
            // The client gave up before it was accepted.
            Err(e) if is_connection_error(&e) => {}
            // Out of descriptors or memory: give the open connections time to close.
            Err(e) => {
                eprintln!("cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused | io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
    )
}

/// The cap on open connections: `configured`, but at most half the
/// process's open-file limit, which leaves the other half for the
/// listener, log files and the capabilities' own outbound connections.
pub(super) fn connection_cap(configured: usize) -> usize {
    let configured = configured.max(1);
    match open_file_limit() {
        Some(limit) => usize::try_from(limit / 2)
            .unwrap_or(usize::MAX)
            .clamp(1, configured),
        None => configured,
    }
}

/// The soft limit on open files, if there is one.
pub(super) fn open_file_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        rustix::process::getrlimit(rustix::process::Resource::Nofile).current
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// A connection whose writes fail once the client has left one waiting
/// (by not reading) for longer than `limit`, so that a client that stops
/// reading an answer does not hold the connection forever.
struct StallGuard {
    stream: TcpStream,
    limit: Duration,
    /// Set while a write is waiting on the client.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl StallGuard {
    fn new(stream: TcpStream, limit: Duration) -> Self {
        Self {
            stream,
            limit,
            stalled: None,
        }
    }

    fn guard<T>(&mut self, cx: &mut Context<'_>, poll: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        if poll.is_ready() {
            self.stalled = None;
            return poll;
        }
        let limit = self.limit;
        let deadline = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading the answer",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for StallGuard {
    // Reads are not guarded: a connection waits on its client between
    // requests and during a call, which the header timeout and the request
    // timeout bound.
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for StallGuard {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.guard(cx, poll)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.guard(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.stream).poll_flush(cx);
        this.guard(cx, poll)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.stream).poll_shutdown(cx);
        this.guard(cx, poll)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_is_held_under_the_open_file_limit() {
        let cap = connection_cap(usize::MAX);
        match open_file_limit() {
            Some(limit) => assert_eq!(cap as u64, (limit / 2).max(1)),
            None => assert_eq!(cap, usize::MAX),
        }
        assert_eq!(connection_cap(3), 3.min(cap));
        assert_eq!(connection_cap(0), 1);
    }
}
