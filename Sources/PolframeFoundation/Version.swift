/// polframe's version, as `polframe --version` prints it and polframe.lock records it.
public enum PolframeVersion {
    /// The version number, such as `0.1.0`.
    public static let string = "0.1.0"
}
