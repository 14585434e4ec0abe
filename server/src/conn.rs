//! The connection loop: HTTP/1.1 through hyper with the timeouts axum's `serve` lacks, a cap on
//! open connections, and a shutdown with a deadline.
//!
//! * **Header timeout**: hyper's `header_read_timeout`, which starts whenever a connection waits
//!   for a request — so it also closes idle keep-alive connections and sockets that never send
//!   anything, and a request line sent alone or byte by byte.
//! * **Body timeout**: the handlers that read a body give it `--body-timeout` in all (408 after);
//!   hyper closes a connection whose unread body is not cheaply drained.
//! * **Write timeout**: a write blocked longer than `--write-timeout` (a client that does not
//!   read) ends the connection ([`StallGuard`]).
//! * **Connection cap**: at most `--max-connections` open. When the cap is reached, connections
//!   with no request in flight that have been quiet for a moment are closed to make room (they
//!   owe nobody an answer), then the next connection is accepted; busy ones are never cut.
//! * **Shutdown**: on the signal the listener closes, idle connections close, requests in
//!   flight get until `--shutdown-timeout` to finish, then whatever is left is cut and the
//!   function returns.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;
use tokio::time::Sleep;
use tower::ServiceExt;

use crate::config::ConnLimits;

/// A connection quiet (no request in flight) for at least this long may be closed at the cap.
pub const SHED_AFTER_IDLE: Duration = Duration::from_millis(500);

/// What a connection's task shares with the accept loop.
#[derive(Debug)]
struct ConnState {
    /// Requests in flight (until their response body is done).
    busy: AtomicUsize,
    /// Milliseconds since `epoch` when the connection last became quiet.
    quiet_since_ms: AtomicU64,
}

impl ConnState {
    fn new(epoch: Instant) -> Self {
        ConnState {
            busy: AtomicUsize::new(0),
            quiet_since_ms: AtomicU64::new(ms_since(epoch)),
        }
    }

    /// True if closing the connection loses no answer and it has been quiet for a moment.
    fn sheddable(&self, epoch: Instant) -> bool {
        self.busy.load(Ordering::Acquire) == 0
            && ms_since(epoch).saturating_sub(self.quiet_since_ms.load(Ordering::Acquire))
                >= SHED_AFTER_IDLE.as_millis() as u64
    }
}

/// Milliseconds since `epoch`.
fn ms_since(epoch: Instant) -> u64 {
    u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Marks a request in flight until dropped (with the response body).
struct Busy {
    state: Arc<ConnState>,
    epoch: Instant,
}

impl Busy {
    fn new(state: Arc<ConnState>, epoch: Instant) -> Self {
        state.busy.fetch_add(1, Ordering::AcqRel);
        Busy { state, epoch }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.state
            .quiet_since_ms
            .store(ms_since(self.epoch), Ordering::Release);
        self.state.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A response body that keeps its request counted as in flight until it is sent or dropped.
struct TrackedBody {
    inner: Body,
    _busy: Busy,
}

impl hyper::body::Body for TrackedBody {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// An IO stream whose writes fail once they have been blocked for longer than `limit`.
pub struct StallGuard<T> {
    inner: T,
    limit: Duration,
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<T> StallGuard<T> {
    /// Wraps `inner`.
    pub fn new(inner: T, limit: Duration) -> Self {
        StallGuard {
            inner,
            limit,
            stalled: None,
        }
    }

    /// After a write returned `Pending`: has it been blocked too long?
    fn check_stall(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Error> {
        let limit = self.limit;
        let sleep = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the client stopped reading",
            )),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for StallGuard<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for StallGuard<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Pending => match self.check_stall(cx) {
                Poll::Ready(e) => Poll::Ready(Err(e)),
                Poll::Pending => Poll::Pending,
            },
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => match self.check_stall(cx) {
                Poll::Ready(e) => Poll::Ready(Err(e)),
                Poll::Pending => Poll::Pending,
            },
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Pending => match self.check_stall(cx) {
                Poll::Ready(e) => Poll::Ready(Err(e)),
                Poll::Pending => Poll::Pending,
            },
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Serves `router` on `listener` with `limits` until `shutdown` completes, then drains for at
/// most `limits.shutdown_timeout`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let epoch = Instant::now();
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let (shed_tx, _) = watch::channel(0_u64);
    let (stop_tx, _) = watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(Some(limits.header_timeout))
        .keep_alive(true);
    let mut conns = JoinSet::new();
    let mut shutdown = pin!(shutdown);
    'accept: loop {
        // A slot first: at the cap, ask quiet connections to make room (again every moment,
        // as connections become quiet), then wait for one.
        let permit = loop {
            if let Ok(p) = permits.clone().try_acquire_owned() {
                break p;
            }
            shed_tx.send_modify(|g| *g += 1);
            tokio::select! {
                p = permits.clone().acquire_owned() => match p {
                    Ok(p) => break p,
                    Err(_) => break 'accept,
                },
                () = &mut shutdown => break 'accept,
                () = tokio::time::sleep(SHED_AFTER_IDLE / 2) => {}
                Some(_) = conns.join_next(), if !conns.is_empty() => {}
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // EMFILE and friends: make room and breathe instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    shed_tx.send_modify(|g| *g += 1);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break 'accept,
        };
        while conns.try_join_next().is_some() {}
        let _ = stream.set_nodelay(true);
        let state = Arc::new(ConnState::new(epoch));
        conns.spawn(connection(
            stream,
            peer,
            router.clone(),
            http.clone(),
            limits,
            state,
            epoch,
            shed_tx.subscribe(),
            stop_tx.subscribe(),
            permit,
        ));
    }
    drop(listener);
    tracing::info!(
        open = conns.len(),
        deadline_s = limits.shutdown_timeout.as_secs_f64(),
        "shutting down: finishing requests in flight"
    );
    let _ = stop_tx.send(true);
    let drained = tokio::time::timeout(limits.shutdown_timeout, async {
        while conns.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            left = conns.len(),
            "shutdown deadline reached: closing the connections still open"
        );
        conns.shutdown().await;
    }
    Ok(())
}

/// Serves one connection until it ends, is shed at the cap, or the server stops.
#[allow(clippy::too_many_arguments)]
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    http: hyper::server::conn::http1::Builder,
    limits: ConnLimits,
    state: Arc<ConnState>,
    epoch: Instant,
    mut shed: watch::Receiver<u64>,
    mut stop: watch::Receiver<bool>,
    _permit: tokio::sync::OwnedSemaphorePermit,
) {
    let io = TokioIo::new(StallGuard::new(stream, limits.write_timeout));
    let svc_state = state.clone();
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        let router = router.clone();
        let busy = Busy::new(svc_state.clone(), epoch);
        req.extensions_mut().insert(ConnectInfo(peer));
        async move {
            let res = router.oneshot(req.map(Body::new)).await;
            res.map(|res: Response<Body>| res.map(|inner| TrackedBody { inner, _busy: busy }))
        }
    });
    let conn = http.serve_connection(io, service);
    let mut conn = pin!(conn);
    let mut stopping = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(%peer, error = %e, "connection ended with an error");
                }
                return;
            }
            changed = stop.changed(), if !stopping => {
                stopping = true;
                // Nothing in flight: nobody is owed an answer, close now. Otherwise finish the
                // request in flight (until the server's deadline) and close.
                if changed.is_err() || state.busy.load(Ordering::Acquire) == 0 {
                    return;
                }
                conn.as_mut().graceful_shutdown();
            }
            changed = shed.changed(), if !stopping => {
                if changed.is_ok() && state.sheddable(epoch) {
                    tracing::debug!(%peer, "closing a quiet connection at the connection cap");
                    return;
                }
            }
        }
    }
}
