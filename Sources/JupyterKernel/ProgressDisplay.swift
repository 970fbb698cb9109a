import Foundation
import Synchronization

/// A long computation's progress in a notebook: one display (`display_data` with a display
/// id) updated in place by `update_display_data`, at most ten times a second, only for runs
/// longer than a second — as the terminal's progress bar, not a flood of stream messages.
/// Workers call `update` from any thread; IOPub sends are serialised by the kernel.
final class ProgressDisplay: @unchecked Sendable {
    static var metadata: [String: Any] { ["panorama": ["progress": true]] }

    let kernel: Kernel
    let parent: WireMessage
    let displayID = UUID().uuidString.lowercased()
    let start = ContinuousClock.now
    let state = Mutex<(shown: Bool, percent: Int, sent: ContinuousClock.Instant)>((false, -1, .now))

    init(kernel: Kernel, parent: WireMessage) {
        self.kernel = kernel
        self.parent = parent
    }

    func update(_ fraction: Double) {
        let now = ContinuousClock.now
        guard now - start > .seconds(1) else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        let type: String? = state.withLock { s in
            guard percent != s.percent, !s.shown || now - s.sent >= .milliseconds(100) else { return nil }
            defer { s = (true, percent, now) }
            return s.shown ? "update_display_data" : "display_data"
        }
        if let type { send(type, ProgressDisplay.bar(percent)) }
    }

    /// Clears the bar when the computation ends (the display stays, empty).
    func finish() {
        if state.withLock({ $0.shown }) { send("update_display_data", "") }
    }

    func send(_ type: String, _ text: String) {
        kernel.publish(type, ["data": ["text/plain": text], "metadata": ProgressDisplay.metadata,
                              "transient": ["display_id": displayID]], parent: parent)
    }

    /// `[###########                   ] 37 %`, as the terminal shows it.
    static func bar(_ percent: Int) -> String {
        let width = 30
        let filled = percent * width / 100
        return "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(percent) %"
    }
}
