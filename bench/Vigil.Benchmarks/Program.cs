using BenchmarkDotNet.Running;
using Vigil.Benchmarks.Images;

namespace Vigil.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        // Figures that BenchmarkDotNet cannot give (peak memory of one large run) have their own entry points.
        if (args is ["squash-figures", ..]) return SquashFigures.RunAsync(args[1..]).GetAwaiter().GetResult();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
