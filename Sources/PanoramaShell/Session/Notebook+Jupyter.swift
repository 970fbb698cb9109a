import Foundation
import PanoramaKit

/// Converting between the two notebook forms: panorama's Markdown notebooks and Jupyter's
/// `.ipynb` (nbformat 4.5), so checked notebooks open in JupyterLab and back.
///
/// Markdown text becomes markdown cells; each ```` ```panorama ```` block a code cell whose
/// outputs are its ```` ```output ```` block (one stdout stream); a ```` ```panorama error ````
/// block carries the `raises-exception` tag (nbclient then runs on past its error). The
/// provenance lines that open the first output block go to `metadata.panorama.provenance`
/// and come back from there. A code block without an output block has no execution count.
extension Notebook {
    /// The `.ipynb` JSON text of a Markdown notebook.
    public static func ipynb(fromMarkdown markdown: String) -> String {
        let parts = Notebook(markdown: markdown).parts
        var cells: [[String: Any]] = []
        var provenance: [String]?
        var count = 0
        for (i, part) in parts.enumerated() {
            switch part {
            case .text(let lines):
                let trimmed = trimBlankLines(lines)
                if trimmed.isEmpty { continue }
                cells.append(["cell_type": "markdown", "metadata": [String: Any](), "source": sourceLines(trimmed)])
            case .code(_, let lines, _, _, let expectsError):
                let tags: [String: Any] = expectsError ? ["tags": ["raises-exception"]] : [:]
                var cell: [String: Any] = ["cell_type": "code", "source": sourceLines(lines), "metadata": tags,
                                           "outputs": [Any](), "execution_count": NSNull()]
                if i + 1 < parts.count, case .output(var body) = parts[i + 1] {
                    if provenance == nil {
                        let header = body.prefix { line in ["panorama ", "dataset ", "parameter "].contains { line.hasPrefix($0) } }
                        provenance = Array(header)
                        body.removeFirst(header.count)
                    }
                    count += 1
                    cell["execution_count"] = count
                    let text = body.joined(separator: "\n")
                    if !text.isEmpty {
                        cell["outputs"] = [["output_type": "stream", "name": "stdout", "text": sourceLines(body + [""])]]
                    }
                }
                cells.append(cell)
            case .output:
                continue
            }
        }
        for i in cells.indices { cells[i]["id"] = "cell-\(i + 1)" }
        let document: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5, "cells": cells,
            "metadata": [
                "kernelspec": ["name": "panorama", "display_name": "panorama", "language": "panorama"],
                "language_info": ["name": "panorama", "file_extension": ".pn", "mimetype": "text/x-panorama",
                                  "codemirror_mode": "r"],
                "panorama": ["provenance": provenance ?? []],
            ],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document,
                                                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The Markdown notebook of an `.ipynb` document; throws a one-line reason when it is not one.
    public static func markdown(fromIpynb text: String) throws -> String {
        guard let document = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let cells = document["cells"] as? [[String: Any]] else {
            throw PanoramaError.failed("not a Jupyter notebook: no 'cells' list", at: nil)
        }
        let metadata = document["metadata"] as? [String: Any]
        var provenance = ((metadata?["panorama"] as? [String: Any])?["provenance"] as? [String])
            .flatMap { $0.isEmpty ? nil : $0 } ?? ["panorama \(PanoramaVersion.string)"]
        var blocks: [String] = []
        for cell in cells {
            let source = joinedSource(cell["source"])
            switch cell["cell_type"] as? String {
            case "markdown", "raw":
                blocks.append(source)
            case "code":
                let tags = (cell["metadata"] as? [String: Any])?["tags"] as? [String] ?? []
                let fence = String(repeating: "`", count: longestBacktickRun(in: source) >= 3 ? longestBacktickRun(in: source) + 1 : 3)
                blocks.append(fence + "panorama" + (tags.contains("raises-exception") ? " error" : "") + "\n" + source + "\n" + fence)
                let outputs = cell["outputs"] as? [[String: Any]] ?? []
                let executed = cell["execution_count"] is Int
                guard executed || !outputs.isEmpty else { continue }
                let lines = provenance + outputText(outputs).components(separatedBy: "\n").map { $0.trimmingTrailingSpaces() }
                provenance = []
                blocks.append("```output\n" + lines.joined(separator: "\n") + "\n```")
            default:
                continue
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// `panorama notebook IN --to ipynb|md [-o OUT]`: writes OUT (default: IN with the other
    /// extension) and returns the exit code.
    public static func convert(input: String, output: String?, to format: String) -> Int32 {
        guard format == "ipynb" || format == "md" else {
            Launcher.standardError("error: --to must be ipynb or md, not '\(format)'")
            return 64
        }
        guard let data = FileManager.default.contents(atPath: input), let text = String(data: data, encoding: .utf8) else {
            Launcher.standardError("error: cannot read notebook '\(input)'")
            return 1
        }
        let target = output ?? URL(fileURLWithPath: input).deletingPathExtension().appendingPathExtension(format).path
        do {
            try AtomicFile.write(Data((format == "ipynb" ? ipynb(fromMarkdown: text) : markdown(fromIpynb: text)).utf8), to: target)
        } catch let error as PanoramaError {
            Launcher.standardError("\(input): error: \(error.message)")
            return 1
        } catch {
            Launcher.standardError("error: cannot write '\(target)': " + ((error as? DataError)?.problem ?? "\(error)"))
            return 1
        }
        return 0
    }

    /// What a code cell's outputs print, one piece per output, progress displays left out.
    public static func outputText(_ outputs: [[String: Any]]) -> String {
        var pieces: [String] = []
        for output in outputs {
            var text: String?
            switch output["output_type"] as? String {
            case "stream": text = joinedSource(output["text"])
            case "execute_result", "display_data":
                let progress = ((output["metadata"] as? [String: Any])?["panorama"] as? [String: Any])?["progress"] as? Bool
                if progress != true { text = (output["data"] as? [String: Any]).map { joinedSource($0["text/plain"]) } }
            case "error": text = (output["traceback"] as? [String])?.joined(separator: "\n")
            default: break
            }
            guard var text else { continue }
            if text.hasSuffix("\n") { text.removeLast() }
            pieces.append(text)
        }
        return pieces.joined(separator: "\n")
    }

    /// nbformat's multi-line strings: one string, or a list of lines each keeping its newline.
    static func joinedSource(_ value: Any?) -> String {
        if let s = value as? String { return s }
        return (value as? [String])?.joined() ?? ""
    }

    static func sourceLines(_ lines: [String]) -> [String] {
        lines.enumerated().map { $0.offset + 1 < lines.count ? $0.element + "\n" : $0.element }.filter { !$0.isEmpty }
    }

    static func trimBlankLines(_ lines: [String]) -> [String] {
        let blank = { (line: String) in line.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = lines.firstIndex(where: { !blank($0) }), let last = lines.lastIndex(where: { !blank($0) }) else { return [] }
        return Array(lines[first...last])
    }

    static func longestBacktickRun(in text: String) -> Int {
        var longest = 0, run = 0
        for c in text { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        return longest
    }
}
