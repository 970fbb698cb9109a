import Foundation
import Testing
import PanoramaKit
import TestSupport
@testable import PanoramaShell

/// Runs code in a fresh session; returns what went to stdout and to stderr.
private func dataTranscript(_ code: String, mode: RenderOptions.Mode = .json, width: Int = 80) -> (out: String, err: String) {
    var out: [String] = [], err: [String] = []
    let session = Session(options: RenderOptions(mode: mode, width: width), output: { out.append($0) }, diagnostics: { err.append($0) })
    session.run(code)
    return (out.joined(separator: "\n"), err.joined(separator: "\n"))
}

/// The published Panorama sources committed under `datasets/sources/panorama`.
private let sharedFolder = RepositoryPaths.panoramaSources.path

private func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-\(UInt32.random(in: 0...UInt32.max))-\(name)").path
    try contents.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Test(arguments: BuiltinRegistry.dataBuiltins.map(\.name))
func everyDataBuiltinExampleRunsCleanly(_ name: String) {
    let builtin = BuiltinRegistry.byName[name]!
    #expect(!builtin.example.isEmpty)
    // As `.help` runs it: in a temporary folder, removed afterwards.
    let transcript = Help.runExample(builtin.example, like: Session(output: { _ in }, diagnostics: { _ in }))
    #expect(!transcript.contains { $0.hasPrefix("error") }, "\(name): \(transcript)")
    #expect(transcript.contains { !$0.hasPrefix("> ") && !$0.hasPrefix("note:") } || name == "save", "\(name) printed nothing")
}

@Test func editionFourteenSummarizedByInterministerialFlag() {
    let (out, err) = dataTranscript("""
    p = load("\(sharedFolder)/editions/panorama_2021-11_ed14.csv")
    p |> summarize(by=projet_inter_ministeriel, n=n(cout_complet_estime), total=round(sum(cout_complet_estime), digits=2))
    nrow(p)
    """)
    #expect(out == """
    {"columns": ["projet_inter_ministeriel", "n", "total"], "rows": [[false, 44, 2276.46], [true, 5, 235.4]]}
    50
    """)
    // Issue 14.7: a note raised in some groups names them.
    #expect(err == "note: sum skipped 1 na value (group 'false')")
}

@Test func labelsAndIdentifiersBothNameColumns() {
    let (out, _) = dataTranscript("""
    p = load("\(sharedFolder)/editions/panorama_2021-11_ed14.csv")
    p.`Coût complet estimé` |> head(2)
    p.cout_complet_estime |> head(2)
    """)
    #expect(out == "[53.7058, 31.0473252853897]\n[53.7058, 31.0473252853897]")
}

@Test func verbsChainOnARealEdition() {
    let (out, err) = dataTranscript("""
    p = load("\(sharedFolder)/editions/panorama_2021-11_ed14.csv")
    p.per_year = p.cout_complet_estime / p.duree_du_projet_en_annees
    round(max(p.per_year), digits=3)
    p |> where(cout_complet_estime > 150) |> select(projet, cout_complet_estime) |> sort(-cout_complet_estime)
    count(p, phase_du_projet_en_cours)
    names(p) |> tail(2)
    ncol(p)
    """)
    #expect(out == """
    55.775
    {"columns": ["projet", "cout_complet_estime"], "rows": [["Espace numérique en Santé (ENS)", 223.1], ["INPT", 205.158], ["SI SAMU", 204.1]]}
    {"columns": ["phase_du_projet_en_cours", "n"], "rows": [["Cadrage", 1], ["Conception / Réalisation", 26], ["Déploiement", 14], ["Expérimentation", 8], [null, 1]]}
    ["programme_de_financement", "per_year"]
    11
    """)
    #expect(err == "note: max skipped 1 na value\nnote: where left out 1 row where the condition is na")
}

@Test func stackJoinRenameDistinctAndTable() {
    let (out, _) = dataTranscript("""
    a = frame(project=["A", "B"], cost=[12.5, 40])
    b = frame(project=["A"], cost=[14])
    s = stack(a, b, id="edition", ids=[13, 14])
    s
    join(a, frame(project=["A", "C"], ministry=["Culture", "Armées"]), by=project, how="left")
    rename(a, name=project) |> names()
    distinct(s, project)
    table(s.project)
    """)
    #expect(out == """
    {"columns": ["edition", "project", "cost"], "rows": [[13, "A", 12.5], [13, "B", 40], [14, "A", 14]]}
    {"columns": ["project", "cost", "ministry"], "rows": [["A", 12.5, "Culture"], ["B", 40, null]]}
    ["name", "cost"]
    {"columns": ["project"], "rows": [["A"], ["B"]]}
    {"columns": ["project", "n", "percent"], "rows": [["A", 2, 66.66666666666667], ["B", 1, 33.333333333333336]]}
    """)
}

@Test func loadRecordsTheFileAndItsHashForNotebooks() throws {
    let path = try temporaryFile("hash.csv", "a;b\n1,5;x\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let session = Session(output: { _ in }, diagnostics: { _ in })
    session.run("p = load(\"\(path)\")")
    #expect(session.loadedDatasets.count == 1)
    #expect(session.loadedDatasets.first?.name == path)
    let bytes = Array("a;b\n1,5;x\n".utf8)
    #expect(session.loadedDatasets.first?.hash == bytes.withUnsafeBytes { contentHash($0) })
}

@Test func loadOptionsReachTheReader() throws {
    let path = try temporaryFile("opts.csv", "title line\ncode|amount|when\n01000|1.234,5|NC\n75001|2,5|2024-06\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (out, err) = dataTranscript("""
    load("\(path)", sep="|", decimal=",", skip=1, na=["NC"], types=["code:text"])
    """)
    #expect(out == #"{"columns": ["code", "amount", "when"], "rows": [["01000", 1234.5, null], ["75001", 2.5, "2024-06"]]}"#)
    #expect(err.isEmpty)
}

@Test(arguments: [
    ("a,b\n1,2\n1,2,3\n", "", "error: FILE:3:3: row has 3 fields but the header has 2"),
    ("a,b\n1,\"open\n", "", "error: FILE:2:2: a quote opens this field and is never closed"),
    ("a,b\nx,2\n", ", types=[\"a:number\"]", "error: FILE:2:1: cannot read 'x' as a number in column 'a'"),
    ("", "", "error: FILE:1:1: the file is empty"),
    ("a,a\n1,2\n", "", "note: column 2 repeats the name 'a'; it is called 'a 2'"),
    ("d\n1.2.03\n", ", types=[\"d:date:%d.%q\"]", "error: date format '%d.%q' needs a year (%Y or %y) and a month (%m or %b) and knows %d %m %y %Y %b %%\nusage: load(path, sep=, decimal=, encoding=, types=, na=, skip=, strict=, sheet=)"),
    ("a,b\n1,2,3\n", ", strict=false", "note: 1 row has more fields than the header; the extra cells were dropped"),
    ("a\n1\n", ", sep=\"ab\"", "error: sep= must be one character such as \",\" \";\" \"|\" or \"\\t\", not 'ab'\nusage: load(path, sep=, decimal=, encoding=, types=, na=, skip=, strict=, sheet=)"),
    ("a\n1\n", ", types=[\"a:money\"]", "error: types= entries are \"column:type\" with type number, text, bool or date (\"column:date:%d.%m.%y\" with a format); not 'a:money'\nusage: load(path, sep=, decimal=, encoding=, types=, na=, skip=, strict=, sheet=)"),
] as [(String, String, String)])
func loadErrorsNameFileLineAndColumn(_ contents: String, _ options: String, _ expected: String) throws {
    let path = try temporaryFile("bad.csv", contents)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (_, err) = dataTranscript("load(\"\(path)\"\(options))")
    #expect(err == expected.replacingOccurrences(of: "FILE", with: path))
}

@Test func missingFilesAndDatasetsAreNamed() {
    #expect(dataTranscript("load(\"/nonexistent/x.csv\")").err == "error: no such file '/nonexistent/x.csv'")
    #expect(dataTranscript("load(\"zzzz-no-such-dataset\")").err.hasPrefix("error: no file or dataset named 'zzzz-no-such-dataset'"))
}

@Test func columnArgumentsSuggestTheClosestName() {
    #expect(dataTranscript("x = frame(cost=[1, 2])\nselect(x, cots)").err == "error: no column named 'cots'. Did you mean 'cost'?\n  select(x, cots)\n            ^^^^")
    #expect(dataTranscript("summarize(frame(a=[1, 2]), by=a, v=[1, 2])").err
            == "error: 'v' gives 2 values for a group; use an aggregate such as sum(), mean() or n()")
}

@Test func saveWritesFrenchCSVAtomically() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-save-\(UInt32.random(in: 0...UInt32.max)).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (_, err) = dataTranscript("save(frame(projet=[\"A; B\"], cout=[53.02]), \"\(path)\", sep=\";\", decimal=\",\")")
    #expect(err == "note: wrote 1 row × 2 columns to '\(path)'")
    #expect(FileManager.default.contents(atPath: path) == Data("\u{FEFF}projet;cout\r\n\"A; B\";53,02\r\n".utf8))
    #expect(dataTranscript("save(frame(a=[1]), \"/nonexistent/dir/x.csv\")").err
            == "error: /nonexistent/dir/x.csv: no such folder '/nonexistent/dir'")
}

@Test func xlsxLoadsThroughTheLanguage() {
    let (out, err) = dataTranscript("""
    x = load("\(sharedFolder)/raw/export_2018-03.xlsx", sheet="Export CSV")
    round(sum(x.cout_estime), digits=2)
    """)
    #expect(out == "2826.28")
    #expect(err == "note: dropped 232 empty rows\nnote: sum skipped 1 na value")
}

@Test func boxTablesAreTheDefaultRendering() {
    let (out, _) = dataTranscript("frame(projet=[\"A\", \"B\"], cout=[1234.5, 2])", mode: .box)
    #expect(out == """
    ┌────────┬─────────┐
    │ projet │    cout │
    ├────────┼─────────┤
    │ A      │ 1,234.5 │
    │ B      │     2.0 │
    └────────┴─────────┘
    """)
}

@Test func loadTakesADateFormatInTypes() throws {
    let path = try temporaryFile("dates.csv", "project;start_date;cost\nA;30.06.08;£32,614\nB;01.07.69;£1,000\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (out, err) = dataTranscript("""
    load("\(path)", types=["start_date:date:%d.%m.%y"])
    """)
    #expect(out == #"{"columns": ["project", "start_date", "cost"], "rows": [["A", "2008-06-30", 32614], ["B", "1969-07-01", 1000]]}"#)
    #expect(err.isEmpty)
}
