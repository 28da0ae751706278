import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.artifact.versioning.VersionRange;

// Reference for Vigil's Maven scheme. Reads TAB-separated lines on stdin and prints one answer per line:
//   compare:   A<TAB>B      -> "<", "=" or ">" (ComparableVersion#compareTo)
//   contains:  V<TAB>SPEC   -> "true" / "false" (VersionRange.createFromVersionSpec(SPEC).containsVersion(V)),
//                              "!reason" when the spec is refused
//   probe:     prints "ok"
public class MavenCompare {
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "compare";
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        if (mode.equals("probe")) {
            out.println(new ComparableVersion("1.0").compareTo(new ComparableVersion("1")) == 0 ? "ok" : "broken");
            out.flush();
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            int tab = line.indexOf('\t');
            String a = line.substring(0, tab);
            String b = line.substring(tab + 1);
            if (mode.equals("compare")) {
                int c = new ComparableVersion(a).compareTo(new ComparableVersion(b));
                out.println(c < 0 ? "<" : c > 0 ? ">" : "=");
            } else {
                try {
                    VersionRange r = VersionRange.createFromVersionSpec(b);
                    out.println(r.containsVersion(new DefaultArtifactVersion(a)) ? "true" : "false");
                } catch (Exception e) {
                    out.println("!" + e.getMessage().replace('\n', ' '));
                }
            }
        }
        out.flush();
    }
}
