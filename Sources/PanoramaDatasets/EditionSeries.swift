import Foundation
import PanoramaKit

/// The basis a published total cost was stated on.
public struct CostBasis: Sendable, Equatable {
    /// `committed`, `committed_excl_scoping`, `committed_excl_scoping_revision`,
    /// `planned_budget`, `full_cost` or `updated_cost`.
    public var name: String
    /// Whether the total counts projects in scoping; nil when the source does not say.
    public var scopingIncluded: Bool?

    /// Every basis label of `aggregates_by_edition.csv`, read. An unknown label is an error, so
    /// a new edition's wording gets a decision rather than a guess.
    static let labels: [String: CostBasis] = [
        "milliards d'euros engagés": CostBasis(name: "committed", scopingIncluded: true),
        "milliards d'euros engagés (hors projets en cadrage)":
            CostBasis(name: "committed_excl_scoping", scopingIncluded: false),
        "milliards d'euros engagés (hors projets en cadrage et en révision de trajectoire)":
            CostBasis(name: "committed_excl_scoping_revision", scopingIncluded: false),
        "budget global prévisionnel": CostBasis(name: "planned_budget", scopingIncluded: nil),
        // Edition 13's figure; its first upload said 1.88 Md€ "hors projets en cadrage ou en
        // révision de trajectoire", so the final 2.35 counts those projects.
        "milliards d'euros de coûts complets estimés": CostBasis(name: "full_cost", scopingIncluded: true),
        "milliards d'euros de coûts actualisés": CostBasis(name: "updated_cost", scopingIncluded: nil),
        "coûts actualisés": CostBasis(name: "updated_cost", scopingIncluded: nil),
        // Edition 17, derived from edition 19's full-cost figure (3.8 Md€ minus ~150 M€).
        "approx.: 3.8 Md€ minus ~150 M€": CostBasis(name: "full_cost", scopingIncluded: nil),
        "coûts de construction + 2 ans de fonctionnement": CostBasis(name: "full_cost", scopingIncluded: nil),
        "développement + 2 ans de maintenance": CostBasis(name: "full_cost", scopingIncluded: nil),
    ]
}

/// The series of editions 1–20 from `aggregates_by_edition.csv`, with the panel's sums beside
/// the published figures.
public struct EditionSeries: Sendable {
    public struct Entry: Sendable {
        public var edition: Int
        /// The edition's nominal month (its label: `novembre 2018`), nil when unknown.
        public var date: CivilDate?
        /// Month the edition was published (edition 7, `novembre 2018`, came out in January 2019).
        public var published: CivilDate?
        public var projects: Double?
        public var interministerial: Double?
        /// M€ (the source states Md€).
        public var totalCost: Double?
        public var basis: CostBasis?
        public var basisLabel: String?
        public var meanDuration: Double?
        public var scheduleDrift: Double?
        public var costDrift: Double?
        public var derived: Bool
        public var approximate: Bool
        public var editionUncertain: Bool
        public var source: String
        public var note: String
    }

    public var entries: [Entry]

    /// The drift method changed with the June 2017 edition (3): earlier rates are not comparable.
    public static let driftBreakEdition = 3
    /// From July 2018 (edition 6) totals leave out projects in scoping.
    public static let perimeterBreakEdition = 6

    /// Reads the aggregates and makes one entry per edition from 1 to the last.
    ///
    /// A row whose edition is `A or B` fills the figures row A lacks and marks them
    /// `edition_uncertain`; an edition with no row gets an entry of `na`s. `derived` comes from
    /// a source saying DERIVED, `approximate` from a basis or note saying approx.
    /// - Throws: `DatasetError` for an edition number or basis label no rule reads.
    public init(aggregates url: URL) throws {
        let (file, c) = try SourceFile.read(url, [
            .init("edition_no", as: .text), .init("edition_label", as: .text),
            .init("published_or_committed", as: .text), .init("n_projects", as: .number),
            .init("n_interministerial", as: .number), .init("total_cost_Md_eur", as: .number),
            .init("total_cost_basis", as: .text), .init("mean_duration_years", as: .number),
            .init("mean_schedule_drift_pct", as: .number), .init("mean_cost_drift_pct", as: .number),
            .init("source", as: .text), .init("notes", as: .text),
        ])
        let editionNo = file.text(c[0]), label = file.text(c[1]), published = file.text(c[2])
        let projects = file.numbers(c[3]), inter = file.numbers(c[4]), total = file.numbers(c[5])
        let basisText = file.text(c[6]), duration = file.numbers(c[7]), schedule = file.numbers(c[8])
        let costDrift = file.numbers(c[9]), source = file.text(c[10]), notes = file.text(c[11])

        var byEdition: [Int: Entry] = [:]
        // Rows of a certain edition first, so that an `A or B` row only fills gaps.
        let rows = 0..<file.frame.rowCount
        let order = rows.filter { !(editionNo[$0] ?? "").contains(" or ") }
            + rows.filter { (editionNo[$0] ?? "").contains(" or ") }
        for r in order {
            let numbers = (editionNo[r] ?? "").components(separatedBy: " or ")
            guard let edition = Int(numbers[0]), numbers.allSatisfy({ Int($0) != nil }) else {
                throw file.error(row: r, "edition '\(editionNo[r] ?? "")' is not a number or 'A or B'")
            }
            let uncertain = numbers.count > 1
            var basis: CostBasis? = nil
            if let text = basisText[r] {
                guard let b = CostBasis.labels[text] else { throw file.error(row: r, "unknown cost basis '\(text)'") }
                basis = b
            }
            let row = Entry(
                edition: edition,
                date: uncertain ? nil : label[r].flatMap(PanoramaVocabulary.firstMonthDate(in:)),
                published: published[r].flatMap(Self.isoMonth),
                projects: projects[r], interministerial: inter[r],
                totalCost: total[r].map { round9($0 * 1000) },
                basis: basis, basisLabel: basisText[r],
                meanDuration: duration[r], scheduleDrift: schedule[r], costDrift: costDrift[r],
                derived: (source[r] ?? "").contains("DERIVED"),
                approximate: ((basisText[r] ?? "") + " " + (notes[r] ?? "")).lowercased().contains("approx"),
                editionUncertain: false, source: source[r] ?? "", note: notes[r] ?? "")
            if var e = byEdition[edition] {
                e.merge(row, uncertain: uncertain)
                byEdition[edition] = e
            } else {
                var e = row
                e.editionUncertain = uncertain
                byEdition[edition] = e
            }
        }
        let last = byEdition.keys.max() ?? 0
        entries = (1...max(last, 1)).map { e in
            byEdition[e] ?? Entry(
                edition: e, date: nil, published: nil, projects: nil, interministerial: nil,
                totalCost: nil, basis: nil, basisLabel: nil, meanDuration: nil, scheduleDrift: nil,
                costDrift: nil, derived: false, approximate: false, editionUncertain: false,
                source: "", note: "no row in aggregates_by_edition.csv: no figure known")
        }
    }

    /// `2016-11-18`, `2024-11 (late)` → the month; `2020` (a year alone) → nil.
    static func isoMonth(_ text: String) -> CivilDate? {
        let parts = text.prefix(7).split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        return CivilDate(year: y, month: m)
    }

    /// The series as a frame, with the panel's per-edition rows and cost sum beside the
    /// published figures (`table_projects`, `table_cost`; na for editions without a table).
    public func frame(panel: PanoramaPanel) -> Frame {
        let sums = Dictionary(uniqueKeysWithValues: panel.costSums.map { ($0.edition, $0) })
        let e = entries
        func num(_ f: (Entry) -> Double?) -> ColumnData { .number(e.map { f($0) ?? .nan }) }
        func flag(_ f: (Entry) -> Bool?) -> ColumnData { .bool(e.map { f($0).map { $0 ? 1 : 0 } ?? -1 }) }
        return Frame(columns: [
            Column(name: "edition", num { Double($0.edition) }),
            Column(name: "edition_date", .date(e.map { day($0.date) }, .month)),
            Column(name: "published", .date(e.map { day($0.published) }, .month)),
            Column(name: "projects", num(\.projects)),
            Column(name: "interministerial", num(\.interministerial)),
            Column(name: "total_cost", unit: "M€", num(\.totalCost)),
            Column(name: "cost_basis", .text(Categorical(e.map { $0.basis?.name }))),
            Column(name: "scoping_included", flag { $0.basis?.scopingIncluded }),
            Column(name: "mean_duration", unit: "years", num(\.meanDuration)),
            Column(name: "schedule_drift", unit: "%", num(\.scheduleDrift)),
            Column(name: "cost_drift", unit: "%", num(\.costDrift)),
            Column(name: "derived", flag { $0.derived }),
            Column(name: "approximate", flag { $0.approximate }),
            Column(name: "edition_uncertain", flag { $0.editionUncertain }),
            Column(name: "drift_break", flag { $0.edition >= Self.driftBreakEdition }),
            Column(name: "perimeter_break", flag { $0.edition >= Self.perimeterBreakEdition }),
            Column(name: "table_projects", num { sums[$0.edition].map { Double($0.rows) } }),
            Column(name: "table_cost", unit: "M€", num { sums[$0.edition].map { round9($0.sum) } }),
            Column(name: "cost_basis_label", .text(Categorical(e.map { $0.basisLabel }))),
            Column(name: "source", .text(Categorical(e.map { $0.source.isEmpty ? nil : $0.source }))),
            Column(name: "note", .text(Categorical(e.map { $0.note.isEmpty ? nil : $0.note }))),
        ])
    }
}

extension EditionSeries.Entry {
    /// Fills the figures this entry lacks from `other` (a row of uncertain edition).
    mutating func merge(_ other: Self, uncertain: Bool) {
        var took = false
        func fill<T>(_ mine: inout T?, _ theirs: T?) {
            if mine == nil, let t = theirs { mine = t; took = true }
        }
        fill(&published, other.published)
        fill(&projects, other.projects)
        fill(&interministerial, other.interministerial)
        fill(&totalCost, other.totalCost)
        fill(&basis, other.basis)
        fill(&basisLabel, other.basisLabel)
        fill(&meanDuration, other.meanDuration)
        fill(&scheduleDrift, other.scheduleDrift)
        fill(&costDrift, other.costDrift)
        guard took else { return }
        editionUncertain = editionUncertain || uncertain
        derived = derived || other.derived
        approximate = approximate || other.approximate
        source = [source, other.source].filter { !$0.isEmpty }.joined(separator: " | ")
        note = [note, other.note].filter { !$0.isEmpty }.joined(separator: " | ")
    }
}
