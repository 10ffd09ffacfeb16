using ForecastService.Onnx.Native;

namespace ForecastService.Onnx.Tests.Native;

public sealed class OrtLibraryResolverTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-ort-resolver-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Resolve_ConfiguredPathMissing_ThrowsNamingThePathAndTheFix()
    {
        var missing = Path.Combine(_directory, "nope", "libonnxruntime.so.1");

        var ex = Assert.Throws<OnnxRuntimeException>(() => OrtLibraryResolver.Resolve(missing, null, _directory));

        Assert.Equal(OnnxErrorCode.NoSuchFile, ex.ErrorCode);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("FORECASTSERVICE_ONNXRUNTIME_PATH", ex.Message, StringComparison.Ordinal);
        Assert.Contains("npm", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet build", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ConfiguredPathMissing_DoesNotFallBackToOtherSources()
    {
        var present = CreateFile("libonnxruntime.so.1");
        var missing = Path.Combine(_directory, "missing.so");

        var ex = Assert.Throws<OnnxRuntimeException>(() => OrtLibraryResolver.Resolve(missing, present, _directory));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OnlyEnvironmentVariable_UsesIt()
    {
        var fromEnvironment = CreateFile("custom-ort.so");

        Assert.Equal(fromEnvironment, OrtLibraryResolver.Resolve(null, fromEnvironment, "/does/not/matter"));
    }

    [Fact]
    public void Resolve_ConfiguredAndEnvironment_ConfiguredWins()
    {
        var configured = CreateFile("configured.so");
        var fromEnvironment = CreateFile("environment.so");

        Assert.Equal(configured, OrtLibraryResolver.Resolve(configured, fromEnvironment, _directory));
    }

    [Fact]
    public void Resolve_NothingConfigured_UsesTheFileNextToTheApplication()
    {
        var expected = Path.Combine(_directory, "libonnxruntime.so.1");

        var ex = Assert.Throws<OnnxRuntimeException>(() => OrtLibraryResolver.Resolve(null, "  ", _directory));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);

        CreateFile("libonnxruntime.so.1");
        Assert.Equal(expected, OrtLibraryResolver.Resolve(null, null, _directory));
    }

    [Fact]
    public void Resolve_Directory_LooksForTheLibraryInside()
    {
        var inside = CreateFile("libonnxruntime.so.1");

        Assert.Equal(inside, OrtLibraryResolver.Resolve(_directory, null, "/elsewhere"));
    }

    [Fact]
    public void Resolve_MissingPathAfterLoad_LeavesTheLoadedRuntimeWorking()
    {
        var loaded = OnnxRuntime.LibraryPath;

        Assert.Throws<OnnxRuntimeException>(() => OrtLibraryResolver.Resolve(Path.Combine(_directory, "x.so"), null, _directory));

        Assert.Equal(loaded, OnnxRuntime.LibraryPath);
        using var session = OnnxSession.Load(TestModels.Add().AsSpan());
        var result = session.Run(
            [new NamedTensor("X", new float[] { 1, 2, 3 }, [1, 3]), new NamedTensor("Y", new float[] { 10, 20, 30 }, [1, 3])],
            ["Z"]);
        Assert.Equal([11f, 22f, 33f], result[0].Data);
    }

    private string CreateFile(string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, [0x7f, (byte)'E', (byte)'L', (byte)'F']);
        return path;
    }
}
