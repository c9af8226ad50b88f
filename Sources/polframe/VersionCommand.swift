import ArgumentParser
import PolframeIngest
import PolframeText
import PolframeFoundation

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "versions", abstract: "Print the versions of polframe, ICU, Unicode and libxml2.")

    func run() {
        print("polframe \(PolframeVersion.string)")
        print("ICU \(ICUVersion.library) (Unicode \(ICUVersion.unicode))")
        print("libxml2 \(LibXML2Version.string)")
    }
}
