import CLibXML2

/// The libxml2 version polframe runs with, part of every fingerprint.
public enum LibXML2Version {
    /// e.g. "2.9.14" (from libxml2's run-time version number 20914).
    public static var string: String {
        let raw = Int(String(cString: pf_xml_version())) ?? 0
        return "\(raw / 10000).\(raw / 100 % 100).\(raw % 100)"
    }
}
