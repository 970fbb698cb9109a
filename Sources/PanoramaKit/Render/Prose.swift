/// Sentences fitted to the terminal: word wrapping and counted nouns, shared by every value's
/// printout (headers, parameter lines, notes) and by charts' footnotes.
public enum Prose {
    /// The text broken at spaces into lines of at most `width` characters; lines after the
    /// first start with `indent` spaces. Each line of a multi-line text wraps on its own; a word
    /// longer than a line is cut. A width of `Int.max` (Markdown) leaves the text whole.
    /// `Prose.glue` (a no-break space) joins words that must stay on one line (`alpha = 0.5`);
    /// it prints as a space. A percent sign after a space stays with the number before it
    /// (`6.97 %`, never `6.97` at a line's end and `%` starting the next).
    ///
    /// `Prose.wrap("note: a b c", width: 9, indent: 6) // ["note: a b", "      c"]`
    public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let text = text.contains(" %") ? text.replacingOccurrences(of: " %", with: glue + "%") : text
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
            wrapLine(String($0), width: width, indent: indent).map(unglued)
        }
    }

    /// A no-break space: `wrap` never breaks a line there, and prints it as a space.
    public static let glue = "\u{00A0}"

    /// The words joined by no-break spaces: `glued("alpha", "=", "0.5")`.
    public static func glued(_ words: String...) -> String { words.joined(separator: glue) }

    static func unglued(_ s: String) -> String {
        s.contains("\u{00A0}") ? s.replacingOccurrences(of: "\u{00A0}", with: " ") : s
    }

    /// `wrap(_:width:indent:)` joined with newlines.
    public static func wrapped(_ text: String, width: Int, indent: Int = 0) -> String {
        wrap(text, width: width, indent: indent).joined(separator: "\n")
    }

    static func wrapLine(_ text: String, width: Int, indent: Int) -> [String] {
        guard text.count > width else { return [text] }
        let margin = String(repeating: " ", count: min(indent, max(0, width / 2)))
        var lines: [String] = []
        var line = ""
        // Whether `line` holds nothing but its margin yet.
        var fresh = true
        // Runs of spaces inside a line are kept (an empty word stands for one extra space);
        // at the start of a continuation line they are dropped.
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if fresh && word.isEmpty && !lines.isEmpty { continue }
            if fresh && line.count + word.count <= width || !fresh && line.count + 1 + word.count <= width {
                line += (fresh ? "" : " ") + word
                fresh = false
                continue
            }
            if !fresh {
                lines.append(trimmedTrailing(line))
                line = margin
            }
            // A word longer than a whole line is cut into line-sized pieces.
            var rest = Substring(word)
            let room = max(1, width - line.count)
            while rest.count > room {
                lines.append(line + rest.prefix(room))
                rest = rest.dropFirst(room)
                line = margin
            }
            line += rest
            fresh = rest.isEmpty
        }
        if !fresh || lines.isEmpty { lines.append(trimmedTrailing(line)) }
        return lines
    }

    static func trimmedTrailing(_ s: String) -> String {
        var s = s
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// A count with its noun in the right number: `counted(1, "origin") // "1 origin"`,
    /// `counted(3, "origin") // "3 origins"`, `counted(2, "was", plural: "were")`. Numbers are
    /// grouped (`1,000 trials`).
    public static func counted(_ n: Int, _ singular: String, plural: String? = nil,
                               numbers: NumberFormat = NumberFormat()) -> String {
        "\(numbers.string(Double(n))) \(noun(n, singular, plural: plural))"
    }

    /// The noun alone, singular for exactly one: `noun(2, "edition") // "editions"`.
    public static func noun(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        n == 1 ? singular : plural ?? singular + "s"
    }
}

extension RenderOptions {
    /// A prose line of a value's printout (a title, a parameter line) wrapped to the width,
    /// continuation lines indented by `indent`; Markdown keeps each line whole.
    public func prose(_ text: String, indent: Int = 2) -> String {
        mode == .markdown ? Prose.unglued(text) : Prose.wrapped(text, width: max(width, 20), indent: indent)
    }

    /// `note: …` wrapped to the width under its own text.
    public func note(_ text: String) -> String {
        prose("note: " + text, indent: 6)
    }
}
