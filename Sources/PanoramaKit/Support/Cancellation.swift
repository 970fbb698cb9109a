/// Thrown by `ParallelChunks` (so by every chunked kernel loop: the Monte Carlo engine, the
/// bottom-up roll-forward, the bootstrap) when the `isCancelled` flag it polls before each chunk
/// returned true — and by every other kernel loop that polls one (CSV reading, backtests). The one
/// cancellation error of the kernel: the shell maps it once, in `PanoramaError.wrap`, to
/// `interrupted`.
public struct Cancelled: Error, Sendable {
    public init() {}
}
