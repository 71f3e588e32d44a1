import Bibliography
import Foundation
import Protocol
@testable import Screening
import Testing

/// Rankers and queues over one stage's shared features (issue 12): a ranker given a subset of
/// the rows never puts another row forward, in any mode, and queues of several reviewers over
/// one corpus share it without touching each other.
@Suite struct SharedCorpusTests {
    static let documents = RankingOrderTests.fixed.documents
    static let relevant = RankingOrderTests.fixed.relevant
    static let terms = ["general practi*", "chronic care", "nurse*"]

    @Test(arguments: [Ranker.Classifier.svm, .logistic])
    func aRankerOfSomeRowsNeverScoresTheOthers(classifier: Ranker.Classifier) {
        let configuration = Ranker.Configuration(classifier: classifier)
        let features = RankingFeatures(
            documents: Self.documents, includeTerms: Self.terms, options: configuration.features)
        let active = Self.documents.indices.map { $0 % 3 != 1 }
        let ranker = Ranker(features: features, active: active, configuration: configuration)
        #expect(ranker.mode == .keywords)
        var skip = [Bool](repeating: false, count: Self.documents.count)
        var yes: [Int] = []
        var no: [Int] = []
        for _ in 0..<60 {
            for r in active.indices where !active[r] { #expect(ranker.scores[r] == -.infinity) }
            guard let next = ranker.best(skipping: skip) else { break }
            #expect(active[next])
            skip[next] = true
            if Self.relevant[next] { yes.append(next) } else { no.append(next) }
            ranker.update(relevant: yes, irrelevant: no)
        }
        #expect(ranker.mode == .model)
        #expect(ranker.ranking(skipping: skip).allSatisfy { active[$0] || ranker.scores[$0] == -.infinity })
        // Every row active is the ranker of the documents themselves.
        let all = Ranker(features: features, configuration: configuration)
        let direct = Ranker(documents: Self.documents, includeTerms: Self.terms, configuration: configuration)
        #expect(all.scores == direct.scores)
    }

    @Test func queuesOfSeveralReviewersShareOneCorpus() throws {
        let records = Self.documents.enumerated().map { i, d in
            Record(title: d.title, abstract: Abstract(d.abstract), pmid: String(900_000 + i))
        }
        let features = RankingFeatures(
            documents: records.map(RankingDocument.init), includeTerms: Self.terms, options: .init())
        let corpus = ScreeningCorpus(records: records, features: features)
        let reviewers = ["anna", "bram", "carl"]
        let threePlan = ScreeningPlan(
            reviewers: reviewers,
            stages: [
                StagePlan(
                    stage: .titleAbstract, reviewersPerRecord: 2, blinded: true, secondReviewer: .all, pilotSize: 0)
            ])
        let shares = ScreeningAssignment(
            plan: threePlan, state: ScreeningState(logs: [], plan: threePlan), stage: .titleAbstract)
        let queues = try reviewers.map { name in
            ScreeningQueue(
                corpus: corpus, log: try contents(name, []), stage: .titleAbstract, assignment: shares, order: .ranked)
        }
        for (queue, name) in zip(queues, reviewers) {
            #expect(queue.corpus === corpus)
            #expect(queue.keys == corpus.keys.filter { shares.isAssigned($0, to: name) })
            #expect(queue.count < corpus.count)
        }
        // anna decides; bram's queue, over the same corpus, is not moved by it.
        let bramFirst = queues[1].next()?.key
        var entries: [DecisionEntry] = []
        for _ in 0..<20 {
            guard let key = queues[0].next()?.key else { break }
            #expect(queues[0].keys.contains(key))
            entries.append(entry("anna", .titleAbstract, key, entries.count % 4 == 0 ? .include : .exclude))
            queues[0].refresh(try contents("anna", entries))
        }
        #expect(queues[0].rankingMode == .model)
        #expect(queues[1].next()?.key == bramFirst)
        #expect(queues[1].rankingMode == .keywords)
    }
}
