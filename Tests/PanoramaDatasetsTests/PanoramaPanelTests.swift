import Foundation
import Testing
@testable import PanoramaDatasets
@testable import PanoramaKit

@Suite struct PanoramaPanelTests {
    /// Rows and cost sums of the edition tables, as datasets/sources/panorama/README.md states them.
    static let editionTables: [(edition: Int, rows: Int, sum: Double)] = [
        (1, 57, 2292.9), (2, 61, 2505.2), (3, 61, 2561.1), (4, 61, 2633.8), (5, 61, 2808.78),
        (6, 56, 2553.583), (7, 54, 1775.62), (8, 48, 1636.4), (13, 49, 1881.78),
        (14, 50, 2511.8558475919832),
    ]

    @Test func perEditionCostSumsEqualTheEditionTables() throws {
        let built = try DatasetPaths.build()
        let sums = built.panel.costSums
        #expect(sums.map(\.edition) == Self.editionTables.map(\.edition))
        for (sum, expected) in zip(sums, Self.editionTables) {
            #expect(sum.rows == expected.rows, "edition \(expected.edition)")
            #expect(abs(sum.sum - expected.sum) < 1e-9, "edition \(expected.edition): \(sum.sum)")
        }
    }

    /// The same sums taken straight from the source text, without the builder's parsing or key.
    @Test func panelSumsEqualTheRawCostColumns() throws {
        let built = try DatasetPaths.build()
        let dir = DatasetPaths.source.appendingPathComponent("editions")
        for (table, sum) in zip(built.tables, built.panel.costSums) {
            let raw = try DataReader.load(path: dir.appendingPathComponent(table.fileName).path).frame
            let costs = try #require((raw.column("cout_complet_estime") ?? raw.column("cout_estime"))?.data.numbers)
            let total = costs.filter { !$0.isNaN }.reduce(0, +)
            #expect(raw.rowCount == sum.rows)
            #expect(abs(total - sum.sum) < 1e-9, "\(table.fileName)")
        }
    }

    /// Where the published key figure is stated on the tables' basis, the panel reproduces it at
    /// its precision (0.01 Md€, so within 5 M€). Editions 5, 13 and 14 differ for the reasons
    /// datasets/README.md gives.
    @Test func panelReproducesThePublishedTotalsWhereTheBasisMatches() throws {
        let built = try DatasetPaths.build()
        let published = Dictionary(uniqueKeysWithValues: built.series.entries.map { ($0.edition, $0.totalCost) })
        for sum in built.panel.costSums {
            let p = try #require(published[sum.edition] ?? nil)
            if [5, 13, 14].contains(sum.edition) {
                #expect(abs(p - sum.sum) > 5, "edition \(sum.edition) now matches: update the README")
            } else {
                #expect(abs(p - sum.sum) <= 5, "edition \(sum.edition): published \(p), panel \(sum.sum)")
            }
        }
    }

    @Test func entriesAndExitsPerTransitionArePinned() throws {
        let built = try DatasetPaths.build()
        let expected = [
            Transition(from: 1, to: 2, continuing: 55, exits: 2, entries: 6, returning: 0),
            Transition(from: 2, to: 3, continuing: 55, exits: 6, entries: 6, returning: 0),
            Transition(from: 3, to: 4, continuing: 60, exits: 1, entries: 1, returning: 0),
            Transition(from: 4, to: 5, continuing: 59, exits: 2, entries: 2, returning: 0),
            Transition(from: 5, to: 6, continuing: 55, exits: 6, entries: 1, returning: 0),
            Transition(from: 6, to: 7, continuing: 51, exits: 5, entries: 3, returning: 0),
            Transition(from: 7, to: 8, continuing: 46, exits: 8, entries: 2, returning: 1),
            Transition(from: 8, to: 13, continuing: 23, exits: 25, entries: 26, returning: 0),
            Transition(from: 13, to: 14, continuing: 45, exits: 4, entries: 5, returning: 0),
        ]
        #expect(built.panel.transitions == expected)
    }

    /// DINUM, Nov 2021 (edition 14): "4 projets sortants, 5 entrants".
    @Test func november2021MatchesWhatDinumReports() throws {
        let panel = try DatasetPaths.build().panel
        let before = Set(panel.records(edition: 13).map(\.key))
        let after = Set(panel.records(edition: 14).map(\.key))
        #expect(before.subtracting(after) == ["adamant", "france_connect_phase_ii", "oshimae", "scribe"])
        #expect(after.subtracting(before) == ["france_sesame", "intelligence_emploi", "geoplateforme", "siv", "ppn"])
    }

    /// Every (edition, published name) of the panel has exactly one row in the key table, with
    /// the same key, and the key table has no row the panel lacks.
    @Test func panelUsesTheKeyTableRowForRow() throws {
        let built = try DatasetPaths.build()
        let keys = try ProjectKeyTable.read(DatasetPaths.keys)
        let fromKeys = keys.entries.map { "\($0.edition)|\($0.project)|\($0.key)" }
        let fromPanel = built.panel.records.map { "\($0.edition)|\($0.project)|\($0.key)" }
        #expect(fromKeys.count == Set(fromKeys).count)
        #expect(Set(fromKeys) == Set(fromPanel))
        #expect(fromKeys.count == fromPanel.count)
        // The committed panel file carries the same triples.
        let file = try DataReader.load(path: DatasetPaths.datasets.appendingPathComponent("panorama.csv").path).frame
        guard let e = file.column("edition")?.data.numbers, case .text(let p)? = file.column("project")?.data,
              case .text(let k)? = file.column("key")?.data else {
            Issue.record("panorama.csv lacks edition, project or key")
            return
        }
        #expect(Set((0..<file.rowCount).map { "\(Int(e[$0]))|\(p[$0]!)|\(k[$0]!)" }) == Set(fromKeys))
    }

    @Test func keyTableCountsAreWhatTheReviewDecided() throws {
        let keys = try ProjectKeyTable.read(DatasetPaths.keys)
        var counts: [KeyDecision: Int] = [:]
        for e in keys.entries { counts[e.decided, default: 0] += 1 }
        #expect(counts == [.exact: 405, .normalisedName: 12, .reviewedRename: 33, .new: 108])
        #expect(Set(keys.entries.map(\.key)).count == 108)
        // Every reviewed rename says why.
        for e in keys.entries where e.decided == .reviewedRename {
            #expect(e.note.hasPrefix("was '"), "\(e.edition) \(e.project)")
        }
        let rie = keys.entries.first { $0.edition == 4 && $0.project == "RIE" }
        #expect(rie?.key == "rie" && rie?.decided == .reviewedRename)
    }

    @Test func panelFactsAreNormalised() throws {
        let panel = try DatasetPaths.build().panel
        func record(_ edition: Int, _ key: String) throws -> PanelRecord {
            try #require(panel.records.first { $0.edition == edition && $0.key == key })
        }
        let sirhen = try record(8, "sirhen")
        #expect(sirhen.withheld && sirhen.phase == nil && sirhen.cost == nil && sirhen.start == nil)
        let siv = try record(14, "siv")
        #expect(!siv.withheld && siv.phase == nil && siv.cost == 90)
        #expect(siv.start == CivilDate(year: 2022, month: 9))
        let ensap = try record(4, "ensap")
        #expect(ensap.ministry == "Économie et finances")
        #expect(ensap.ministryLabel == "Ministère de l'Action et des Comptes Publics")
        let opale = try record(5, "opale")
        #expect(opale.phase == .scoping && opale.cost == 72.5)
        #expect(Set(panel.records.map(\.ministry)).isSubset(of: Set(PanoramaVocabulary.ministries)))
        #expect(panel.records.filter(\.withheld).count == 3)
        #expect(panel.records.filter { $0.start == nil }.count == 5)
        // Both published forms of `Début`: `mai 2011` (ed 1–7) and `avril 15` (ed 8 on).
        #expect(try record(1, "rie").start == CivilDate(year: 2011, month: 5))
        #expect(try record(8, "adamant").start == CivilDate(year: 2015, month: 4))
    }
}
