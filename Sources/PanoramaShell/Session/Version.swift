/// The version printed by `--version`, the banner and notebooks.
public enum PanoramaVersion {
    public static let string = "0.1.0"
}
