import Foundation
import LinearAlgebra

extension PortfolioFlowModel {
    /// How many parameter draws the outlook and its backtests carry (`bootstrap`): trial i of a
    /// simulation uses draw i mod 200, so each draw moves about 50 of 10,000 trials.
    public static let parameterDraws = 200

    /// Draws of the model's parameters from their sampling distribution by an edition-level
    /// (cluster) bootstrap: each draw re-estimates the model on the transitions resampled with
    /// replacement as wholes, so the growth regression, the common shock, the exit and entry
    /// rates, their dispersions and the entrants' costs vary together as they would between
    /// panels with other histories (Davison & Hinkley §3.8 on resampling clusters). A resample
    /// too thin to estimate is drawn again (up to 20 times, then left out).
    ///
    /// Seeded and drawn in order, so the draws do not depend on threads. With one transition
    /// every draw is the estimate itself: a single edition says nothing of the spread.
    ///
    /// - Complexity: `replicates` estimations.
    public static func bootstrap(_ flows: [PortfolioPanel.Transition], replicates: Int, seed: UInt64) -> [PortfolioFlowModel] {
        guard !flows.isEmpty, replicates > 0 else { return [] }
        var mixer = SplitMix64(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        var rng = Xoshiro256StarStar(seed: mixer.next())
        var draws: [PortfolioFlowModel] = []
        draws.reserveCapacity(replicates)
        for _ in 0..<replicates {
            for _ in 0..<20 {
                let sample = flows.indices.map { _ in flows[rng.next(below: flows.count)] }
                if let model = try? estimate(sample) { draws.append(model); break }
            }
        }
        return draws
    }
}
