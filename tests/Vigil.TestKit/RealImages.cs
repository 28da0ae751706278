using Xunit;

namespace Vigil.TestKit;

/// <summary>
/// Real Debian images built with ../shared/tools/make-real-images.sh (mmdebstrap + umoci + skopeo).
/// CI builds them and points VIGIL_REAL_IMAGES at the output; tests that need them skip with the reason otherwise.
/// </summary>
public static class RealImages
{
    public static string Require()
    {
        var dir = Environment.GetEnvironmentVariable("VIGIL_REAL_IMAGES");
        if (string.IsNullOrEmpty(dir) || !File.Exists(Path.Combine(dir, "images.tsv")))
        {
            Assert.Skip("real images are not built: run 'bash tests/scripts/make-real-images.sh' (as root; it calls ../shared/tools/make-real-images.sh) " +
                        "and set VIGIL_REAL_IMAGES to its output directory; .ci/run does both");
        }
        return dir!;
    }

    public static string OciLayout(string root, string image) => Path.Combine(root, "oci", image);

    public static string DockerArchive(string root, string image, string tag) => Path.Combine(root, "archives", $"{image}_{tag}.docker.tar");

    public static string OciArchive(string root, string image, string tag) => Path.Combine(root, "archives", $"{image}_{tag}.oci.tar");

    public static string RootFs(string root, string image, string tag) => Path.Combine(root, "rootfs", $"{image}_{tag}", "rootfs");
}
