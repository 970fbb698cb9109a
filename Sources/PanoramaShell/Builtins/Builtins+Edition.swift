import Foundation
import PanoramaKit

extension BuiltinRegistry {
    /// Adding a publisher's new per-project table to a panel, and the key links left for review.
    static let editionBuiltins: [Builtin] = [
        Builtin("add_edition", .data,
                summary: "add a publisher's per-project table (CSV or XLSX) to a panel, each project matched to its key",
                parameters: [
                    .required("panel", "a per-project panel with the bundled panel's columns (load(\"panorama\"))"),
                    .required("path", "the publisher's table, CSV or XLSX, in any of the Panorama's layouts (or a path inside the bundled datasets folder)"),
                    .keyword("edition", "the new edition's number (default: the panel's latest + 1)"),
                    .keyword("date", "the new edition's month, e.g. \"2022-06\""),
                    .keyword("keys", "the analyst's decisions: frame(project=, key=) (an existing key links, a new one starts)"),
                    .choice("encoding", "\"utf-8\", \"windows-1252\" or \"latin-1\" (default: utf-8, else windows-1252 with a note)", ["utf-8", "windows-1252", "latin-1"]),
                ],
                example: """
                save(frame(projet=["PNR", "PORTAIL NOUVEAU"], ministere_porteur="Premier ministre", projet_inter_ministeriel="Oui", debut=["juillet 2011", "mars 2017"], duree_du_projet_en_annees=[6, 3], phase_du_projet_en_cours="Déploiement", cout_estime=[55, 12]), "panorama-edition.csv");
                add_edition(load("panorama") |> where(edition == 1), "panorama-edition.csv", edition=2, date="2017-02") |> where(edition == 2)
                """, frameScope: false) { ctx in
            let panel = try ctx.requiredFrame("panel")
            let path = try ctx.requiredString("path")
            // A file, else one inside the bundled datasets folder (`sources/panorama/raw/…`).
            let candidates = [filePath(path, ctx)] + (path.hasPrefix("/") ? [] : DatasetLocator.folders().map { $0 + "/" + path })
            guard let expanded = candidates.first(where: FileManager.default.fileExists(atPath:)) else {
                throw ctx.failure("no such file '\(path)'", argument: "path")
            }
            let latest = panel.column("edition")?.data.numbers?.filter(\.isFinite).max() ?? 0
            let edition = try ctx.int("edition", in: -1_000_000...1_000_000) ?? Int(latest.rounded()) + 1
            guard let date = try editionDate(ctx) else { throw ctx.fail("missing argument 'date' (the edition's month, e.g. \"2022-06\")") }
            var notes: [String] = []
            let rows = try EditionRow.read(URL(fileURLWithPath: expanded), edition: edition, export: true,
                                           encoding: try textEncoding(ctx), notes: &notes)
            notes.forEach(ctx.note)
            let added = try PanelEdition.add(rows, to: panel, edition: edition, date: date, decisions: try keyDecisions(ctx))
            let counts = Dictionary(grouping: added.matches, by: \.decision).mapValues(\.count)
            let told = [KeyMatch.Decision.exact, .normalisedName, .knownName, .analyst, .similar, .new, .review]
                .compactMap { d in counts[d].map { "\($0) \(d.rawValue)" } }.joined(separator: ", ")
            ctx.note("edition \(edition) (\(date.text(.month))): \(Prose.counted(rows.count, "project")) from '\(path)' — \(told)")
            for m in added.matches where [.similar, .review, .new].contains(m.decision) {
                let verb = switch m.decision {
                case .similar: "linked to"
                case .review: "new key \(m.key) for review; best candidate"
                default: "new key \(m.key); best candidate"
                }
                let c = m.candidate.map { "'\($0.project)' (\($0.key), ed \($0.edition)), score \(String(format: "%.2f", m.score ?? 0)): \(m.evidence)" } ?? "none"
                ctx.note("  '\(m.project)' \(verb) \(c)")
            }
            if counts[.review] != nil {
                ctx.note("review_keys(p) lists the doubtful links; decide with add_edition(…, keys=frame(project=, key=))")
            }
            return .frame(added.panel)
        },
        Builtin("review_keys", .data,
                summary: "the projects add_edition gave a new key for want of a confident match, with their best candidate",
                parameters: [.required("panel", "a panel returned by add_edition")],
                example: """
                save(frame(projet=["PNR", "PNR V2"], ministere_porteur="Premier ministre", projet_inter_ministeriel="Oui", debut=["juillet 2011", "juillet 2011"], duree_du_projet_en_annees=[6, 6], phase_du_projet_en_cours="Déploiement", cout_estime=[55, 80]), "panorama-review.csv");
                review_keys(add_edition(load("panorama") |> where(edition == 1), "panorama-review.csv", date="2017-02"))
                """, frameScope: false) { ctx in
            let panel = try ctx.requiredFrame("panel")
            return .frame(try PanelEdition.review(panel))
        },
    ]

    /// `date=`: a month as text (`"2022-06"`) or a date value.
    static func editionDate(_ ctx: CallContext) throws -> CivilDate? {
        switch ctx["date"] {
        case nil: return nil
        case .date(let d, _)?: return CivilDate(year: d.year, month: d.month)
        case .string(let s)?:
            let parts = s.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), (1000...9999).contains(y) else {
                throw ctx.fail("'date' must be a month such as \"2022-06\", not '\(s)'")
            }
            return CivilDate(year: y, month: m)
        case let other?: throw ctx.fail("'date' must be a month such as \"2022-06\", not a \(other.kindName)")
        }
    }

    /// `keys=frame(project=, key=)` as published name → key.
    static func keyDecisions(_ ctx: CallContext) throws -> [String: String] {
        guard let f = try ctx.frame("keys") else { return [:] }
        guard case .text(let projects)? = f.column("project")?.data, case .text(let keys)? = f.column("key")?.data else {
            throw ctx.fail("'keys' must be a frame with text columns project and key")
        }
        var out: [String: String] = [:]
        for (p, k) in zip(projects.strings, keys.strings) {
            guard let p, let k, !k.isEmpty else { throw ctx.fail("'keys' has a row without project or key") }
            guard out.updateValue(k, forKey: p) == nil else { throw ctx.fail("'keys' lists '\(p)' twice") }
        }
        return out
    }
}
