import ArgumentParser
import PolframeIngest
import PolframeText

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "versions", abstract: "Print the versions of polframe, ICU, Unicode and libxml2.")

    func run() {
        print("polframe 0.1.0")
        print("ICU \(ICUVersion.library) (Unicode \(ICUVersion.unicode))")
        print("libxml2 \(LibXML2Version.string)")
    }
}
