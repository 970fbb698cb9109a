import Foundation
import Testing
@testable import PanoramaDatasets
@testable import PanoramaKit

@Suite struct ProjectKeyTableTests {
    static func table(_ edition: Int, _ names: [String]) -> EditionTable {
        EditionTable(edition: edition, date: CivilDate(year: 2016 + edition, month: 1), rows: names.map {
            EditionRow(edition: edition, project: $0, ministryLabel: "Ministère de la Justice",
                       interministerial: false, start: nil, duration: nil,
                       phase: PublishedPhase(phase: nil, withheld: false), cost: nil)
        }, fileName: "t\(edition).csv")
    }

    static func keys(_ rows: [(Int, String, String, KeyDecision)]) -> ProjectKeyTable {
        ProjectKeyTable(entries: rows.map { .init(edition: $0.0, project: $0.1, key: $0.2, decided: $0.3, note: "") })
    }

    static let tables = [table(1, ["Réseau Interministériel de l'Etat", "Expadon 2"]), table(2, ["RIE", "EXPADON 2", "PAS"])]

    @Test func aConsistentTableGivesEachRowItsKey() throws {
        let k = Self.keys([
            (1, "Réseau Interministériel de l'Etat", "rie", .new), (1, "Expadon 2", "expadon_2", .new),
            (2, "RIE", "rie", .reviewedRename), (2, "EXPADON 2", "expadon_2", .normalisedName), (2, "PAS", "pas", .new),
        ])
        #expect(try k.check(against: Self.tables) == [["rie", "expadon_2"], ["rie", "expadon_2", "pas"]])
    }

    @Test(arguments: [
        ([(1, "Réseau Interministériel de l'Etat", "rie", KeyDecision.new), (1, "Expadon 2", "expadon_2", .new),
          (2, "RIE", "rie", .reviewedRename), (2, "EXPADON 2", "expadon_2", .normalisedName)],
         "key table: no key for 'PAS' of edition 2"),
        ([(1, "Réseau Interministériel de l'Etat", "rie", .new), (1, "Expadon 2", "expadon_2", .new),
          (2, "RIE", "rie", .reviewedRename), (2, "EXPADON 2", "expadon_2", .normalisedName), (2, "PAS", "pas", .new),
          (2, "GUN", "gun", .new)],
         "key table: edition 2 has no project 'GUN'"),
        ([(1, "Réseau Interministériel de l'Etat", "rie", .new), (1, "Expadon 2", "expadon_2", .new),
          (2, "RIE", "rie", .exact), (2, "EXPADON 2", "expadon_2", .normalisedName), (2, "PAS", "pas", .new)],
         "key table: 'RIE' of edition 2 is decided exact but the names say reviewed-rename (was 'Réseau Interministériel de l'Etat' in edition 1)"),
        ([(1, "Réseau Interministériel de l'Etat", "rie", .new), (1, "Expadon 2", "expadon_2", .new),
          (2, "RIE", "rie", .reviewedRename), (2, "EXPADON 2", "expadon_2", .reviewedRename), (2, "PAS", "pas", .new)],
         "key table: 'EXPADON 2' of edition 2 is decided reviewed-rename but the names say normalised-name (was 'Expadon 2' in edition 1)"),
        ([(1, "Réseau Interministériel de l'Etat", "rie", .exact), (1, "Expadon 2", "expadon_2", .new),
          (2, "RIE", "rie", .reviewedRename), (2, "EXPADON 2", "expadon_2", .normalisedName), (2, "PAS", "pas", .new)],
         "key table: 'Réseau Interministériel de l'Etat' of edition 1 is decided exact but the names say new"),
        ([(1, "Réseau Interministériel de l'Etat", "rie", .new), (1, "Expadon 2", "expadon_2", .new),
          (2, "RIE", "rie", .reviewedRename), (2, "EXPADON 2", "expadon_2", .normalisedName), (2, "PAS", "rie", .new)],
         "key table: key 'rie' is given twice in edition 2"),
        ([(1, "Réseau Interministériel de l'Etat", "rie", .new), (1, "Expadon 2", "expadon_2", .new),
          (1, "Expadon 2", "expadon", .new)],
         "key table: 'Expadon 2' is listed twice for edition 1"),
    ] as [([(Int, String, String, KeyDecision)], String)])
    func disagreementsAreErrors(rows: [(Int, String, String, KeyDecision)], message: String) {
        #expect(throws: DatasetError(message)) { try Self.keys(rows).check(against: Self.tables) }
    }

    @Test func keyFileErrorsNameTheRow() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("k.csv")
        try "edition,project,key,decided,note\n1,RIE,rie,new,\n2,RIE,rie,renamed,x\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: DatasetError("k.csv: row 2: decided 'renamed' is not one of exact, normalised-name, reviewed-rename, new")) {
            try ProjectKeyTable.read(url)
        }
        try "edition,project,key,decided,note\n1,RIE,,new,x\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: DatasetError("k.csv: row 1: empty key")) { try ProjectKeyTable.read(url) }
        try "edition,project,key,decided,note\n1,RIE,rie,new,x\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(try ProjectKeyTable.read(url).entries == [.init(edition: 1, project: "RIE", key: "rie", decided: .new, note: "x")])
    }
}

@Suite struct EditionTableTests {
    static let header = "Projet,Ministère porteur,Projet inter-ministériel,Description et objectifs,Début,Durée du projet en années,Phase du projet en cours,Coût estimé,Zone fonctionnelle principale,Programme de financement\r\n"

    static func read(_ body: String, header: String = header, name: String = "panorama_2016-11_ed01.csv") throws -> EditionTable {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("editions-\(ProcessInfo.processInfo.processIdentifier)-\(body.hashValue)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(name)
        try (header + body).write(to: url, atomically: true, encoding: .utf8)
        return try EditionTable.read(url)
    }

    @Test func aRowIsReadAndTyped() throws {
        let t = try Self.read("PNR,Premier ministre,Oui,\"Texte\nsur deux lignes\",juillet 2011,5.92328767123288,Expérimentation,52,Zone,P302\r\n")
        #expect(t.edition == 1 && t.date == CivilDate(year: 2016, month: 11))
        #expect(t.rows == [EditionRow(edition: 1, project: "PNR", ministryLabel: "Premier ministre", interministerial: true,
                                      start: CivilDate(year: 2011, month: 7), duration: 5.92328767123288,
                                      phase: PublishedPhase(phase: .experimentation, withheld: false), cost: 52)])
    }

    /// Cells that fit no forced type are the data reader's errors, with file, line and column.
    @Test(arguments: [
        ("PNR,Premier ministre,Oui,x,juli 2011,5.9,Cadrage,52,z,p\r\n", "panorama_2016-11_ed01.csv:2:5:", "'juli 2011'"),
        ("PNR,Premier ministre,Peut-être,x,juillet 2011,5.9,Cadrage,52,z,p\r\n", "panorama_2016-11_ed01.csv:2:3:", "'Peut-être'"),
        ("A,Premier ministre,Non,x,,,Cadrage,,z,p\r\nPNR,Premier ministre,Oui,x,juillet 2011,5.9,Cadrage,En cadrage,z,p\r\n",
         "panorama_2016-11_ed01.csv:3:8:", "'En cadrage'"),
    ])
    func badCellsNameFileLineAndColumn(body: String, position: String, cell: String) throws {
        do {
            _ = try Self.read(body)
            Issue.record("no error for \(cell)")
        } catch let e as UserFacingError {
            #expect(e.message.hasPrefix(position) && e.message.contains(cell), "\(e.message)")
        }
    }

    @Test(arguments: [
        ("PNR,Premier ministre,Oui,x,juillet 2011,5.9,En pause,52,z,p\r\n",
         "panorama_2016-11_ed01.csv: row 1: unknown phase 'En pause'"),
        ("PNR,Ministère des Sports,Oui,x,juillet 2011,5.9,Cadrage,52,z,p\r\nB,Premier ministre,,x,juillet 2011,5.9,Cadrage,52,z,p\r\n",
         "panorama_2016-11_ed01.csv: row 2: no Oui/Non interministerial flag for 'B'"),
    ])
    func badFactsNameFileAndRow(body: String, message: String) {
        #expect(throws: DatasetError(message)) { try Self.read(body) }
    }

    @Test func aMissingColumnIsNamed() {
        let body = "PNR,Premier ministre,Oui,x,juillet 2011,5.9,Cadrage,52,z,p\r\n"
        let columns = "'Projet', 'Ministère porteur', 'Projet inter-ministériel', 'Description et objectifs', 'Début', 'Durée du projet en années', 'Phase du projet en cours', 'Coût', 'Zone fonctionnelle principale', 'Programme de financement'"
        #expect(throws: DatasetError("panorama_2016-11_ed01.csv: no column 'Coût complet estimé' in the header (or the 10 rows under it); its columns: \(columns)")) {
            try Self.read(body, header: Self.header.replacingOccurrences(of: "Coût estimé", with: "Coût"))
        }
    }

    @Test func fileNamesGiveEditionAndMonth() {
        #expect(EditionTable.parseFileName("panorama_2021-11_ed14.csv")! == (CivilDate(year: 2021, month: 11), 14))
        #expect(EditionTable.parseFileName("panorama_2021-13_ed14.csv") == nil)
        #expect(EditionTable.parseFileName("aggregates_by_edition.csv") == nil)
    }
}
