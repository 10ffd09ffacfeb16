using System.Diagnostics;
using System.Net;

namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>
/// Debian's nginx running deploy/gateway/ in the foreground with its own prefix, pid, temp and log paths under a
/// temporary directory, listening on a free loopback port.
/// </summary>
internal sealed class NginxGateway : IAsyncDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    private readonly ChildProcess _process;
    private readonly string _prefix;

    private NginxGateway(ChildProcess process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public string AccessLogPath => Path.Combine(_prefix, "logs", "access.log");

    public static async Task<NginxGateway> StartAsync(IReadOnlyList<Uri> apis)
    {
        var prefix = Directory.CreateTempSubdirectory("forecast-gateway-").FullName;
        // Started as root, nginx runs its workers as an unprivileged user; they must reach the temp paths under the
        // prefix (request bodies larger than the buffer go there), and a new temp directory is private (0700).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(prefix, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        var port = LoopbackPorts.GetFree();

        var template = await File.ReadAllTextAsync(GatewayConfiguration.TemplatePath).ConfigureAwait(false);
        // The replicas as compose gives them: one space-separated variable, expanded by the gateway's own script.
        var servers = await GatewayConfiguration.ServersAsync(string.Join(' ', apis.Select(a => $"{a.Host}:{a.Port}"))).ConfigureAwait(false);
        var site = GatewayConfiguration.Render(template, new Dictionary<string, string>
        {
            [GatewayConfiguration.ListenPlaceholder] = $"127.0.0.1:{port}",
            [GatewayConfiguration.ServersPlaceholder] = servers,
            [GatewayConfiguration.AccessLogPlaceholder] = Path.Combine(prefix, "logs", "access.log"),
        });
        await File.WriteAllTextAsync(Path.Combine(prefix, "forecast.conf"), site).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), MainConfiguration(prefix)).ConfigureAwait(false);

        string[] arguments = ["-p", prefix + "/", "-c", Path.Combine(prefix, "nginx.conf"), "-e", Path.Combine(prefix, "logs", "error.log")];
        await ChildProcess.RunAsync("nginx -t", NginxPath, ["-t", .. arguments], TimeSpan.FromSeconds(20)).ConfigureAwait(false);

        var gateway = new NginxGateway(ChildProcess.Start("nginx", NginxPath, arguments), prefix, port);
        try
        {
            await gateway.WaitUntilUpAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string Describe()
    {
        var errorLog = Path.Combine(_prefix, "logs", "error.log");
        return _process.Describe() + (File.Exists(errorLog) ? "\n--- error.log ---\n" + File.ReadAllText(errorLog) : string.Empty);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }

    // The same shape as the nginx image's /etc/nginx/nginx.conf (which includes conf.d/*.conf in its http block),
    // but in the foreground and with every writable path under the prefix.
    private static string MainConfiguration(string prefix) => $$"""
        daemon off;
        master_process on;
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/logs/error.log warn;
        events { worker_connections 512; }
        http {
            include /etc/nginx/mime.types;
            default_type application/octet-stream;
            sendfile on;
            client_body_temp_path {{prefix}}/temp/client_body;
            proxy_temp_path {{prefix}}/temp/proxy;
            fastcgi_temp_path {{prefix}}/temp/fastcgi;
            uwsgi_temp_path {{prefix}}/temp/uwsgi;
            scgi_temp_path {{prefix}}/temp/scgi;
            include {{prefix}}/forecast.conf;
        }
        """;

    private async Task WaitUntilUpAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited.\n{Describe()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("gateway/health", UriKind.Relative)).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"nginx did not answer within {timeout.TotalSeconds}s.\n{Describe()}");
    }
}
