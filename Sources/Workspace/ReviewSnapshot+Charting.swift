public import Bibliography
import Charting

extension ReviewSnapshot {
    /// What one reviewer charts next: the included studies not charted yet, or, to verify, the
    /// charted ones not verified yet that another reviewer charted.
    public struct ChartingQueue: Sendable {
        /// The studies, in the order of the flow's included studies.
        public var studies: [Study]
        /// With `verify`: studies this reviewer charted alone, left for another reviewer.
        public var ownCharting: Int
        /// How many studies are included at all (to tell "nothing included yet" from "all done").
        public var included: Int
    }

    /// The charting queue of `reviewer`; the terminal and the browser both ask this.
    ///
    /// - Complexity: O(n) in the included studies.
    public func chartingQueue(reviewer: String, verify: Bool) -> ChartingQueue {
        let codebook = loaded.reviewProtocol.codebook
        let included = flow.included
        var queue: [Study] = []
        var ownCharting = 0
        for study in included {
            let state = charting[study.key]
            if verify {
                guard state.isCharted(against: codebook), !state.isVerified(against: codebook) else { continue }
                if state.charters == [reviewer] {
                    ownCharting += 1
                    continue
                }
            } else if state.isCharted(against: codebook) {
                continue
            }
            queue.append(study)
        }
        return ChartingQueue(studies: queue, ownCharting: ownCharting, included: included.count)
    }
}
