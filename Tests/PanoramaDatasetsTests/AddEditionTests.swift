import Foundation
import Testing
@testable import PanoramaDatasets
@testable import PanoramaKit

/// `add_edition`'s kernel: a publisher's table keyed against the panel of the editions before it,
/// checked against the reviewed key table (datasets/panorama_keys.csv).
@Suite struct AddEditionTests {
    /// Edition `k` rebuilt from its table onto the panel of the editions before it.
    static func rebuild(_ k: Int) throws -> (added: PanelEdition.Added, truth: [String: String], earlier: Set<String>) {
        let built = try DatasetPaths.build()
        let earlier = built.panel.records.filter { $0.edition < k }
        let table = try #require(built.tables.first { $0.edition == k })
        let added = try PanelEdition.add(table.rows, to: PanelRecord.frame(earlier), edition: k, date: table.date)
        let truth = Dictionary(uniqueKeysWithValues: built.panel.records(edition: k).map { ($0.project, $0.key) })
        return (added, truth, Set(earlier.map(\.key)))
    }

    @Test func edition14RebuiltFromItsTableGetsTheReviewedKeysOrGoesToReview() throws {
        let (added, truth, _) = try Self.rebuild(14)
        #expect(added.matches.count == 50)
        for m in added.matches where m.decision != .review {
            #expect(m.key == truth[m.project], "\(m.project): \(m.decision.rawValue) \(m.key), reviewed \(truth[m.project] ?? "")")
        }
        // The new rows are in the panel with their flag, the earlier ones unflagged.
        let p = added.panel
        #expect(p.rowCount == 558)
        let review = try PanelEdition.review(p)
        #expect(review.rowCount == added.matches.filter { $0.decision == .review }.count)
        // The five entries of edition 14 are new, with the bundled rule's keys (GEOPLATEFORME
        // is not GEOPORTAIL, reviewed); everything else links exactly.
        let new = added.matches.filter { $0.decision == .new }.map(\.key).sorted()
        #expect(new == ["france_sesame", "geoplateforme", "intelligence_emploi", "ppn", "siv"])
        #expect(added.matches.filter { $0.decision == .exact }.count == 45)
    }

    /// Every edition 2–14 rebuilt onto the ones before it: no project linked with confidence to
    /// a key the reviewed table does not give it, and no project called new that the table
    /// links to an earlier key.
    @Test func noEditionIsWronglyMatched() throws {
        let built = try DatasetPaths.build()
        var confident = 0, review = 0
        for k in built.panel.editions.dropFirst() {
            let (added, truth, earlier) = try Self.rebuild(k)
            for m in added.matches {
                switch m.decision {
                case .review: review += 1
                case .new:
                    #expect(!earlier.contains(truth[m.project] ?? ""), "ed \(k) \(m.project) called new, reviewed \(truth[m.project] ?? "")")
                default:
                    confident += 1
                    #expect(m.key == truth[m.project], "ed \(k) \(m.project): \(m.decision.rawValue) \(m.key) \(m.evidence), reviewed \(truth[m.project] ?? "")")
                }
            }
        }
        #expect(review < confident / 10)
    }

    @Test func analystDecisionsOverrideTheMatcher() throws {
        let built = try DatasetPaths.build()
        let table = try #require(built.tables.first { $0.edition == 14 })
        let earlier = PanelRecord.frame(built.panel.records.filter { $0.edition < 14 })
        let added = try PanelEdition.add(table.rows, to: earlier, edition: 14, date: table.date,
                                         decisions: ["GEOPLATEFORME": "geoportail", "SIV": "siv_2021"])
        #expect(added.matches.first { $0.project == "GEOPLATEFORME" }?.key == "geoportail")
        #expect(added.matches.first { $0.project == "SIV" }?.key == "siv_2021")
        #expect(try PanelEdition.review(added.panel).rowCount == 0)
        #expect(throws: DatasetError("keys= names 'NOPE', which is not a project of the new table")) {
            try PanelEdition.add(table.rows, to: earlier, edition: 14, date: table.date, decisions: ["NOPE": "x"])
        }
        #expect(throws: DatasetError("the panel already has edition 13")) {
            try PanelEdition.add(table.rows, to: earlier, edition: 13, date: table.date)
        }
    }

    @Test func newKeysFollowTheBundledRule() {
        #expect(EditionKeyMatcher.newKey("FRANCE SESAME", avoiding: []) == "france_sesame")
        #expect(EditionKeyMatcher.newKey("Réseau Interministériel de l'Etat", avoiding: []) == "reseau_interministeriel_de_l_etat")
        #expect(EditionKeyMatcher.newKey("SIV", avoiding: ["siv"]) == "siv_2")
    }

    /// The raw exports (2016 CSV, 2017 CSV, 2018 XLSX with comma decimals) read to the same
    /// projects and costs as the page tables of their editions, where the page tables agree.
    @Test func rawExportsReadInEveryHistoricalLayout() throws {
        let raw = DatasetPaths.source.appendingPathComponent("raw")
        let ed1 = try EditionRow.read(raw.appendingPathComponent("panorama_projets_si_2016-11.csv"), edition: 1, export: true)
        #expect(ed1.count == 57)
        #expect(abs(ed1.compactMap(\.cost).reduce(0, +) - 2292.9) < 1e-6)
        let ed3 = try EditionRow.read(raw.appendingPathComponent("Panorama_des_grands_projets_SI_-_20170630.csv"), edition: 3, export: true)
        #expect(ed3.count == 61)
        #expect(abs(ed3.compactMap(\.cost).reduce(0, +) - 2561.1) < 1e-6)
        let ed5 = try EditionRow.read(raw.appendingPathComponent("export_2018-03.xlsx"), edition: 5, export: true)
        #expect(ed5.count == 61)
        #expect(abs(ed5.compactMap(\.cost).reduce(0, +) - 2826.28) < 1e-6)
        #expect(try ed5.allSatisfy { _ = try PanoramaVocabulary.ministry($0.ministryLabel); return true })
    }
}
