using Vigil.TestKit.Images;

namespace Vigil.Samples;

/// <summary>
/// Writes the demo images from samples/images/NAME/layerN/ (one directory per layer, in order) in real formats:
/// a docker-save tarball and an OCI layout per image. Usage: Vigil.Samples OUTDIR
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: Vigil.Samples OUTDIR");
            return 1;
        }
        var output = Path.GetFullPath(args[0]);
        Directory.CreateDirectory(output);
        var samples = Path.Combine(AppContext.BaseDirectory, "images");
        foreach (var imageDir in Directory.GetDirectories(samples).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(imageDir);
            var builder = new ImageBuilder();
            foreach (var layerDir in Directory.GetDirectories(imageDir, "layer*").Order(StringComparer.Ordinal))
            {
                var layer = new LayerBuilder { CreatedBy = $"COPY {name}/{Path.GetFileName(layerDir)} / # Vigil demo" };
                foreach (var file in Directory.GetFiles(layerDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var path = Path.GetRelativePath(layerDir, file).Replace('\\', '/');
                    var mode = path.StartsWith("usr/bin/", StringComparison.Ordinal) || path.StartsWith("bin/", StringComparison.Ordinal)
                        ? LayerBuilder.DefaultDirectoryMode
                        : LayerBuilder.DefaultFileMode;
                    layer.File(path, File.ReadAllBytes(file), mode);
                }
                builder.Layer(layer, LayerCompression.Gzip);
            }
            var archive = builder.WriteDockerArchive(Path.Combine(output, $"{name}-sample.tar"), DockerArchiveLayout.Classic, $"vigil-demo/{name}:sample");
            var layout = builder.WriteOciLayout(Path.Combine(output, $"{name}-sample-oci"), tag: "sample");
            Console.WriteLine(archive);
            Console.WriteLine(layout);
        }
        return 0;
    }
}
