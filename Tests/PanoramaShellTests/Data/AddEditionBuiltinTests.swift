import Foundation
import Testing
import PanoramaKit
@testable import PanoramaShell

/// `add_edition` and `review_keys` through the session, on small tables written to a temporary folder.
@Suite struct AddEditionBuiltinTests {
    /// Runs `text` in a fresh session whose directory is a new temporary folder holding `files`.
    func run(_ text: String, files: [String: String] = [:]) throws -> (out: String, err: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("add-edition-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, body) in files { try body.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        var out: [String] = [], err: [String] = []
        let session = Session(options: RenderOptions(mode: .box), output: { out.append($0) }, diagnostics: { err.append($0) })
        session.interpreter.directory = dir.path
        session.run(text)
        // Notes wrap at the terminal width: compare them as one line of words.
        return (out.joined(separator: "\n"), err.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    static let panel = "p = load(\"panel.csv\")"
    static let panelCSV = """
        edition,edition_date,key,project,ministry,start,cost
        1,2020-01,alpha,ALPHA,Justice,2018-01,10
        1,2020-01,beta_portail,BETA PORTAIL,Justice,2019-03,20
        1,2020-01,gamma,GAMMA,Intérieur,2017-06,30

        """

    /// The 2016 export's layout: `Nom du projet`, an abbreviated `Ministère porteur` beside the
    /// full name, ISO start dates, `En cadrage` for a cost not yet known.
    static let export = """
        Ministère porteur ,Ministère nom complet,Nom du projet,Projet interministériel,Début,Durée prévisionnelle en année,Phase du projet en cours,Coût estimé
        MJ,Ministère de la Justice,Alpha,Non,2018-01-01,3,Déploiement,12
        MJ,Ministère de la Justice,PORTAIL BETA NG,Non,2019-03-01,4,Conception / Réalisation,35
        MI,Ministère de l'Intérieur,GAMMA NG,Non,2017-06-01,5,Déploiement,31
        MI,Ministère de l'Intérieur,DELTA,Oui,2020-01-01,2,Cadrage,En cadrage
        ,,,,,,,
        """

    @Test func aNewTableIsKeyedAndAppendedWithItsReviewFlags() throws {
        let (out, err) = try run(Self.panel + """

            p2 = add_edition(p, "ed2.csv", date="2020-07")
            p2 |> where(edition == 2) |> select(key, phase, cost, key_review)
            review_keys(p2) |> select(project, key, candidate, score)
            """, files: ["ed2.csv": Self.export, "panel.csv": Self.panelCSV])
        #expect(err.contains("edition 2 (2020-07): 4 projects from 'ed2.csv' — 1 normalised-name, 1 similar, 1 new, 1 review"), "\(err)")
        #expect(err.contains("'GAMMA NG' linked to 'GAMMA' (gamma, ed 1), score 0.92: name 0.8, same ministry, same start 2017-06, cost 30 → 31"), "\(err)")
        #expect(err.contains("'PORTAIL BETA NG' new key portail_beta_ng for review; best candidate 'BETA PORTAIL'"), "\(err)")
        #expect(out.contains("│ alpha           │ deployment   │   12 │ false      │"), "\(out)")
        #expect(out.contains("│ portail_beta_ng │ design_build │   35 │ true       │"), "\(out)")
        #expect(out.contains("│ gamma           │ deployment   │   31 │ false      │"), "\(out)")
        #expect(out.contains("│ PORTAIL BETA NG │ portail_beta_ng │ beta_portail │"), "\(out)")
    }

    @Test func theAnalystsKeysDecide() throws {
        let (out, err) = try run(Self.panel + """

            p2 = add_edition(p, "ed2.csv", date="2020-07", keys=frame(project=["PORTAIL BETA NG", "DELTA"], key=["beta_portail", "delta"]))
            p2 |> where(edition == 2) |> select(key, key_review)
            nrow(review_keys(p2))
            """, files: ["ed2.csv": Self.export, "panel.csv": Self.panelCSV])
        #expect(err.contains("1 normalised-name, 2 analyst, 1 similar"), "\(err)")
        #expect(out.contains("│ beta_portail │ false      │"), "\(out)")
        #expect(out.hasSuffix("0"))
    }

    @Test(arguments: [
        ("add_edition(p, \"ed2.csv\")", "missing argument 'date'"),
        ("add_edition(p, \"ed2.csv\", date=\"juin\")", "'date' must be a month such as \"2022-06\", not 'juin'"),
        ("add_edition(p, \"nope.csv\", date=\"2020-07\")", "no such file 'nope.csv'"),
        ("add_edition(p, \"ed2.csv\", edition=1, date=\"2020-07\")", "the panel already has edition 1"),
        ("review_keys(p)", "the panel has no key_review column (add_edition makes it)"),
        ("add_edition(p, \"bad.csv\", date=\"2020-07\")", "bad.csv: no column 'Ministère porteur'"),
    ])
    func badInputIsAOneLineError(call: String, message: String) throws {
        let (_, err) = try run(Self.panel + "\n" + call, files: ["ed2.csv": Self.export, "bad.csv": "Projet,Coût estimé\nA,1\n", "panel.csv": Self.panelCSV])
        #expect(err.contains(message), "\(err)")
    }
    /// Publishers' CSVs are often Windows-1252 with semicolons and comma decimals: such a file is
    /// read as downloaded, with a note, and gives the same rows as its UTF-8 original; `encoding=`
    /// chooses, and a wrong choice is an error naming the byte, never mangled names.
    @Test func aWindows1252ExportWithSemicolonsReadsAsItsUTF8Original() throws {
        let semicolons = Self.export.replacingOccurrences(of: ",", with: ";")
        let bytes = try #require(semicolons.data(using: .windowsCP1252))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("add-edition-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try bytes.write(to: dir.appendingPathComponent("ed2.csv"))
        let show = " |> where(edition == 2) |> select(key, project, ministry, cost)"
        let (expected, _) = try run(Self.panel + "\nadd_edition(p, \"ed2.csv\", date=\"2020-07\")" + show,
                                    files: ["ed2.csv": Self.export, "panel.csv": Self.panelCSV])
        let (out, err) = try run(Self.panel + "\nadd_edition(p, \"\(dir.path)/ed2.csv\", date=\"2020-07\")" + show,
                                 files: ["panel.csv": Self.panelCSV])
        #expect(out == expected && out.contains("Intérieur"), "\(out)")
        #expect(err.contains("ed2.csv is not utf-8; read as windows-1252"), "\(err)")
        let (_, refused) = try run(Self.panel + "\nadd_edition(p, \"\(dir.path)/ed2.csv\", date=\"2020-07\", encoding=\"utf-8\")",
                                   files: ["panel.csv": Self.panelCSV])
        #expect(refused.contains("is not utf-8") && refused.contains("error"), "\(refused)")
    }
    /// A publisher's file may carry a title and a blank line above its table: the header is
    /// found under them (the same rows as without); a file with no such header names the first
    /// column it lacks and the columns it has.
    @Test func theHeaderIsFoundUnderATitle() throws {
        let show = " |> where(edition == 2) |> select(key, project, ministry, cost)"
        let (expected, _) = try run(Self.panel + "\nadd_edition(p, \"ed2.csv\", date=\"2020-07\")" + show,
                                    files: ["ed2.csv": Self.export, "panel.csv": Self.panelCSV])
        let titled = "Panorama des grands projets numériques — juillet 2020\n\n" + Self.export
        let (out, err) = try run(Self.panel + "\nadd_edition(p, \"ed2.csv\", date=\"2020-07\")" + show,
                                 files: ["ed2.csv": titled, "panel.csv": Self.panelCSV])
        #expect(out == expected && out.contains("GAMMA"), "\(out) \(err)")
        let (_, refused) = try run(Self.panel + "\nadd_edition(p, \"ed2.csv\", date=\"2020-07\")",
                                   files: ["ed2.csv": "name,ministry,cost\nA,Justice,3\n", "panel.csv": Self.panelCSV])
        #expect(refused.contains("ed2.csv: no column 'Projet' in the header") && refused.contains("'name', 'ministry', 'cost'"), "\(refused)")
    }
}
