/// polframe's version, as `polframe --version` prints it and polframe.lock records it.
public enum PolframeVersion {
    public static let string = "0.1.0"
}
