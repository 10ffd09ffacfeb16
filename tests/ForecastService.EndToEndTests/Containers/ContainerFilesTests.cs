using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ForecastService.EndToEndTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ForecastService.EndToEndTests.Containers;

/// <summary>
/// Fast static checks of the container files, without a Docker engine (tests/ForecastService.ContainerTests builds
/// and runs them for real): what they copy exists and reaches the build context, and the port, the health endpoints,
/// the user and the settings agree across the Dockerfiles, docker-compose.yml, deploy/k8s/ and the app's own
/// configuration.
/// </summary>
public sealed partial class ContainerFilesTests
{
    private const int ApiPort = 8080;
    private const int AppUid = 1654; // the ASP.NET images' built-in non-root user ($APP_UID)

    public static TheoryData<string> Dockerfiles => new() { "Dockerfile", "deploy/cuda/Dockerfile" };

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Copy_EverySourceFromTheContext_ExistsAndIsNotDockerIgnored(string dockerfile)
    {
        var file = Dockerfile.Load(RepositoryPaths.Combine(dockerfile));
        var ignore = new DockerIgnore(RepositoryPaths.Combine(".dockerignore"));
        var copies = file.ContextCopies().ToList();
        Assert.NotEmpty(copies);
        foreach (var (instruction, sources, _) in copies)
        {
            foreach (var source in sources)
            {
                var path = RepositoryPaths.Combine(source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{dockerfile}: `{instruction.Keyword} {instruction.Arguments}` names {source}, which does not exist.");
                Assert.False(ignore.Excludes(source), $"{dockerfile}: {source} is copied but .dockerignore leaves it out of the context.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Copy_BeforeRestore_NamesEveryProjectTheApiDependsOn(string dockerfile)
    {
        // The restore layer sees only the project files copied before it; a project reference added later to the
        // API must be copied there too, or the image build fails at restore.
        var file = Dockerfile.Load(RepositoryPaths.Combine(dockerfile));
        var restoreIndex = file.Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(restoreIndex >= 0, $"{dockerfile} has no `dotnet restore` step.");
        var copiedBeforeRestore = file.ContextCopies()
            .Where(c => file.Instructions.ToList().IndexOf(c.Instruction) < restoreIndex)
            .SelectMany(c => c.Sources)
            .ToHashSet();

        foreach (var project in ProjectClosure("src/ForecastService.Api/ForecastService.Api.csproj"))
        {
            Assert.Contains(project, copiedBeforeRestore);
        }

        foreach (var shared in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", "src/Directory.Build.props" })
        {
            Assert.Contains(shared, copiedBeforeRestore);
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Runtime_PortUserHealthAndModels_AgreeWithTheDeployment(string dockerfile)
    {
        var file = Dockerfile.Load(RepositoryPaths.Combine(dockerfile));
        var final = file.FinalStage;
        var environment = file.FinalEnvironment();

        Assert.Equal(ApiPort, PortOf(environment["ASPNETCORE_URLS"]));
        Assert.Contains(final, i => i.Keyword == "EXPOSE" && i.Arguments == ApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("/app/models", environment["Models__Root"]);
        Assert.Contains(file.ContextCopies(), c => c.Sources.Contains("models/") && c.Destination == "/app/models/");

        var user = Assert.Single(final, i => i.Keyword == "USER").Arguments;
        Assert.Contains(user, new[] { "$APP_UID", AppUid.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var healthcheck = Assert.Single(final, i => i.Keyword == "HEALTHCHECK").Arguments;
        var script = file.ContextCopies().Single(c => c.Sources.Contains("deploy/healthcheck.sh"));
        Assert.Contains(script.Destination, healthcheck, StringComparison.Ordinal);
        Assert.Contains("HEALTHCHECK_PATH:-/health/ready", File.ReadAllText(RepositoryPaths.Combine("deploy", "healthcheck.sh")), StringComparison.Ordinal);

        var entrypoint = Assert.Single(final, i => i.Keyword == "ENTRYPOINT").Arguments;
        Assert.Equal(["dotnet", "ForecastService.Api.dll"], JsonSerializer.Deserialize<string[]>(entrypoint) ?? []);
    }

    [Fact]
    public void CudaDockerfile_BuildsTheGpuPackageOnACuda13CudnnBase()
    {
        var file = Dockerfile.Load(RepositoryPaths.Combine("deploy", "cuda", "Dockerfile"));
        var cudaBase = file.Instructions.Single(i => i.Keyword == "ARG" && i.Arguments.StartsWith("CUDA_BASE=", StringComparison.Ordinal)).Arguments;
        Assert.Matches(@"^CUDA_BASE=nvidia/cuda:13\.\d+\.\d+-cudnn-runtime-", cudaBase);
        Assert.Equal("FROM ${CUDA_BASE} AS runtime", "FROM " + file.FinalStage[0].Arguments);
        Assert.DoesNotContain(file.Instructions, i => i.Arguments.Contains("fetch-onnxruntime", StringComparison.Ordinal));
        Assert.Equal("cuda", file.FinalEnvironment()["Onnx__ExecutionProvider"]);

        // The build stage publishes the GPU package for linux-x64 and checks that ORT's CUDA provider reached the app.
        var publish = file.Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Arguments;
        Assert.Contains("-p:OnnxRuntimePackage=Gpu", publish, StringComparison.Ordinal);
        Assert.Contains("-r linux-x64", publish, StringComparison.Ordinal);
        Assert.All(
            ["libonnxruntime.so", "libonnxruntime_providers_cuda.so", "libonnxruntime_providers_shared.so"],
            name => Assert.Contains($"test -f /app/publish/{name}", publish, StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_ApiAndGateway_AgreeOnPortsPathsAndTrustedProxy()
    {
        var compose = YamlFiles.LoadDocuments(RepositoryPaths.Combine("docker-compose.yml")).Single();
        var cpu = Dockerfile.Load(RepositoryPaths.Combine("Dockerfile")).FinalEnvironment();
        var gateway = compose.Get("services", "gateway");
        var gatewayEnvironment = gateway.ScalarMap("environment");
        var gatewayAddress = IPAddress.Parse(gateway.Scalar("networks", "forecast", "ipv4_address"));

        foreach (var name in new[] { "api-1", "api-2", "api-gpu" })
        {
            var api = compose.Get("services", name);
            var environment = api.ScalarMap("environment");
            var dockerfile = api.Scalar("build", "dockerfile");
            Assert.True(File.Exists(RepositoryPaths.Combine(dockerfile)), $"{name} builds {dockerfile}, which does not exist.");
            Assert.Equal(".", api.Scalar("build", "context"));
            Assert.Equal(ApiPort, PortOf(environment["ASPNETCORE_URLS"]));
            Assert.Contains(api.Items("expose"), p => ((YamlScalarNode)p).Value == ApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(cpu["Models__Root"], environment["Models__Root"]);
            Assert.Contains(api.Items("volumes"), v => MountTarget(((YamlScalarNode)v).Value!) == environment["Models__Root"]);
            Assert.Equal(gatewayAddress, IPAddress.Parse(environment["ForwardedHeaders__KnownProxies__0"]));
        }

        Assert.Equal(new[] { "gpu" }, compose.Get("services", "api-gpu").Items("profiles").Select(p => ((YamlScalarNode)p).Value));
        Assert.Equal("nvidia", compose.Get("services", "api-gpu").Items("deploy", "resources", "reservations", "devices").Single().Scalar("driver"));

        // One upstream name per CPU replica, each once (issue 16: one name for all replicas broke stream hashing).
        var cpuReplicas = ((YamlMappingNode)compose.Get("services")).Children
            .Where(s => s.Value.Find("build", "dockerfile") is YamlScalarNode { Value: "Dockerfile" })
            .Select(s => $"{((YamlScalarNode)s.Key).Value}:{ApiPort}")
            .ToList();
        Assert.Equal(2, cpuReplicas.Count);
        Assert.Equal(cpuReplicas, ComposeDefault(gatewayEnvironment[GatewayConfiguration.UpstreamsVariable]).Split(' '));
        var listen = gatewayEnvironment[GatewayConfiguration.ListenPlaceholder];
        Assert.Contains(gateway.Items("ports"), p => ((YamlScalarNode)p).Value!.EndsWith(":" + listen, StringComparison.Ordinal));
        foreach (var replica in cpuReplicas)
        {
            Assert.Equal("service_healthy", gateway.Scalar("depends_on", replica.Split(':')[0], "condition"));
        }

        // The gateway's fixed address is in the network but outside the range Docker hands out to replicas.
        var ipam = compose.Get("networks", "forecast").Items("ipam", "config").Single();
        Assert.True(System.Net.IPNetwork.Parse(ipam.Scalar("subnet")).Contains(gatewayAddress));
        Assert.False(System.Net.IPNetwork.Parse(ipam.Scalar("ip_range")).Contains(gatewayAddress));
    }

    [Fact]
    public void Compose_GatewayTemplate_IsMountedAndEveryPlaceholderIsSet()
    {
        var compose = YamlFiles.LoadDocuments(RepositoryPaths.Combine("docker-compose.yml")).Single();
        var gateway = compose.Get("services", "gateway");
        var mounts = gateway.Items("volumes").Select(v => ((YamlScalarNode)v).Value!).ToList();
        var templates = Assert.Single(mounts, m => MountTarget(m) == "/etc/nginx/templates");
        Assert.Equal(GatewayConfiguration.TemplatePath, Path.GetFullPath(Path.Combine(RepositoryPaths.Combine(templates.Split(':')[0]), "default.conf.template")));
        // The entrypoint step that writes FORECAST_API_SERVERS runs before the image renders the templates.
        var script = Assert.Single(mounts, m => MountTarget(m).StartsWith("/docker-entrypoint.d/", StringComparison.Ordinal));
        Assert.Equal(GatewayConfiguration.UpstreamsScriptPath, Path.GetFullPath(RepositoryPaths.Combine(script.Split(':')[0])));
        Assert.EndsWith(".envsh", MountTarget(script), StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(Path.GetFileName(MountTarget(script)), "20-envsubst-on-templates.sh") < 0, "The upstream step must sort before the image's envsubst step.");

        var environment = gateway.ScalarMap("environment");
        var filter = new Regex(environment["NGINX_ENVSUBST_FILTER"]);
        var placeholders = GatewayConfiguration.PlaceholdersIn(File.ReadAllText(GatewayConfiguration.TemplatePath));
        Assert.Equal(
            new[] { GatewayConfiguration.AccessLogPlaceholder, GatewayConfiguration.ServersPlaceholder, GatewayConfiguration.ListenPlaceholder }.Order(),
            placeholders.Order());
        foreach (var placeholder in placeholders)
        {
            Assert.True(
                environment.ContainsKey(placeholder) || placeholder == GatewayConfiguration.ServersPlaceholder,
                $"The gateway template uses ${{{placeholder}}} but compose does not set it.");
            Assert.Matches(filter, placeholder);
        }
    }

    [Fact]
    public async Task GatewayUpstreams_ComposeReplicas_OneServerDirectiveEachWithPassiveHealth()
    {
        var compose = YamlFiles.LoadDocuments(RepositoryPaths.Combine("docker-compose.yml")).Single();
        var upstreams = ComposeDefault(compose.Get("services", "gateway").ScalarMap("environment")[GatewayConfiguration.UpstreamsVariable]);

        var servers = await GatewayConfiguration.ServersAsync(upstreams);

        // nginx hashes streams over `server` names: one directive per replica, never one name for all of them.
        var directives = servers.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(upstreams.Split(' '), directives.Select(d => d.Split(' ')[1]));
        Assert.All(directives, d => Assert.Matches(@"^server \S+ max_fails=1 fail_timeout=\d+s$", d));
    }

    [Fact]
    public void Kubernetes_Deployments_ProbeTheHealthEndpointsOnTheApiPortAsNonRootReadOnly()
    {
        var deployments = KubernetesDocuments().Where(d => d.Scalar("kind") == "Deployment").ToList();
        Assert.Equal(2, deployments.Count);
        var configMap = KubernetesDocuments().Single(d => d.Scalar("kind") == "ConfigMap");
        Assert.Equal(ApiPort, PortOf(configMap.Scalar("data", "ASPNETCORE_URLS")));
        Assert.Equal("/app/models", configMap.Scalar("data", "Models__Root"));

        foreach (var deployment in deployments)
        {
            var pod = deployment.Get("spec", "template", "spec");
            var container = pod.Items("containers").Single();
            var port = container.Items("ports").Single();
            Assert.Equal(ApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture), port.Scalar("containerPort"));
            var portName = port.Scalar("name");

            Assert.Equal("/health/live", container.Scalar("livenessProbe", "httpGet", "path"));
            Assert.Equal("/health/ready", container.Scalar("readinessProbe", "httpGet", "path"));
            Assert.Equal(portName, container.Scalar("livenessProbe", "httpGet", "port"));
            Assert.Equal(portName, container.Scalar("readinessProbe", "httpGet", "port"));

            Assert.Equal("true", pod.Scalar("securityContext", "runAsNonRoot"));
            Assert.Equal(AppUid.ToString(System.Globalization.CultureInfo.InvariantCulture), pod.Scalar("securityContext", "runAsUser"));
            Assert.Equal("true", container.Scalar("securityContext", "readOnlyRootFilesystem"));
            Assert.Equal("false", container.Scalar("securityContext", "allowPrivilegeEscalation"));
            var tmp = container.Items("volumeMounts").Single(m => m.Scalar("mountPath") == "/tmp").Scalar("name");
            Assert.NotNull(pod.Items("volumes").Single(v => v.Scalar("name") == tmp).Find("emptyDir"));

            Assert.NotNull(container.Find("resources", "requests", "cpu"));
            Assert.NotNull(container.Find("resources", "limits", "memory"));
            Assert.Equal(configMap.Scalar("metadata", "name"), container.Items("envFrom").Single().Scalar("configMapRef", "name"));

            // The Service selects every replica by name, so each Deployment's pods must carry it.
            Assert.Equal("forecastservice", deployment.Scalar("spec", "template", "metadata", "labels", "app.kubernetes.io/name"));
        }

        var gpu = deployments.Single(d => d.Scalar("metadata", "name") == "forecastservice-gpu");
        var gpuPod = gpu.Get("spec", "template", "spec");
        Assert.Equal("1", gpuPod.Items("containers").Single().Scalar("resources", "limits", "nvidia.com/gpu"));
        Assert.NotNull(gpuPod.Find("nodeSelector"));
        Assert.Equal("forecastservice:cuda", gpuPod.Items("containers").Single().Scalar("image"));
    }

    [Fact]
    public void Kubernetes_ServiceAndAutoscaler_TargetTheDeploymentAndItsPort()
    {
        var documents = KubernetesDocuments();
        var deployment = documents.Single(d => d.Scalar("kind") == "Deployment" && d.Scalar("metadata", "name") == "forecastservice");
        var service = documents.Single(d => d.Scalar("kind") == "Service");
        var hpa = documents.Single(d => d.Scalar("kind") == "HorizontalPodAutoscaler");

        var servicePort = service.Items("spec", "ports").Single();
        Assert.Equal("http", servicePort.Scalar("targetPort"));
        foreach (var (key, value) in service.ScalarMap("spec", "selector"))
        {
            Assert.Equal(value, deployment.Scalar("spec", "template", "metadata", "labels", key));
        }

        Assert.Equal("Deployment", hpa.Scalar("spec", "scaleTargetRef", "kind"));
        Assert.Equal(deployment.Scalar("metadata", "name"), hpa.Scalar("spec", "scaleTargetRef", "name"));
        Assert.True(int.Parse(hpa.Scalar("spec", "minReplicas"), System.Globalization.CultureInfo.InvariantCulture) >= 2);
    }

    [Fact]
    public void Kubernetes_Kustomizations_ListOnlyFilesThatExist()
    {
        foreach (var kustomization in Directory.GetFiles(RepositoryPaths.Combine("deploy", "k8s"), "kustomization.yaml", SearchOption.AllDirectories))
        {
            var directory = Path.GetDirectoryName(kustomization)!;
            foreach (var resource in YamlFiles.LoadDocuments(kustomization).Single().Items("resources"))
            {
                var path = Path.GetFullPath(Path.Combine(directory, ((YamlScalarNode)resource).Value!));
                Assert.True(File.Exists(path) || File.Exists(Path.Combine(path, "kustomization.yaml")), $"{kustomization} lists {path}, which does not exist.");
            }
        }
    }

    [Fact]
    public void AppConfiguration_DoesNotPinKestrelEndpoints_SoAspNetCoreUrlsDecides()
    {
        // Kestrel:Endpoints or urls in appsettings would override ASPNETCORE_URLS and move the port away from
        // what the Dockerfile exposes, compose routes to and Kubernetes probes.
        foreach (var settings in Directory.GetFiles(RepositoryPaths.Combine("src", "ForecastService.Api"), "appsettings*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(settings), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            Assert.False(json.RootElement.TryGetProperty("Kestrel", out var kestrel) && kestrel.TryGetProperty("Endpoints", out _), $"{settings} pins Kestrel endpoints.");
            Assert.False(json.RootElement.TryGetProperty("urls", out _) || json.RootElement.TryGetProperty("Urls", out _), $"{settings} pins urls.");
        }
    }

    [Fact]
    public void Settings_EveryEnvironmentVariableTheDeploymentSets_IsInTheReadmeReference()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        var names = new HashSet<string>();
        foreach (var dockerfile in new[] { "Dockerfile", "deploy/cuda/Dockerfile" })
        {
            names.UnionWith(Dockerfile.Load(RepositoryPaths.Combine(dockerfile)).FinalEnvironment().Keys);
        }

        var compose = YamlFiles.LoadDocuments(RepositoryPaths.Combine("docker-compose.yml")).Single();
        names.UnionWith(compose.ScalarMap("services", "api-1", "environment").Keys);
        names.UnionWith(KubernetesDocuments().Single(d => d.Scalar("kind") == "ConfigMap").ScalarMap("data").Keys);

        foreach (var name in names.Where(n => n.Contains("__", StringComparison.Ordinal) || n.StartsWith("ASPNETCORE_", StringComparison.Ordinal)))
        {
            var documented = IndexedKey().Replace(name, "__N");
            Assert.True(readme.Contains($"`{documented}`", StringComparison.Ordinal), $"README.md's configuration reference does not list `{documented}`.");
        }
    }

    // ${VAR:-default} as compose reads it with the variable unset.
    private static string ComposeDefault(string value) => Regex.Replace(value, @"\$\{[A-Z0-9_]+:-([^}]*)\}", "$1");

    // "source:target[:ro|rw]", where the source may itself hold a ':' (${VAR:-default}).
    private static string MountTarget(string volume)
    {
        var parts = volume.Split(':');
        return parts[^1] is "ro" or "rw" ? parts[^2] : parts[^1];
    }

    [Fact]
    public void Settings_EveryKeyOfTheAppsSettingsFile_IsInTheReadmeReference()
    {
        // The reference must keep up with the API's options: every key appsettings.json declares is listed by its
        // environment variable (a dictionary section such as Serilog:MinimumLevel:Override as `...__<category>`).
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("src", "ForecastService.Api", "appsettings.json")));
        var keys = new List<string>();
        CollectKeys(json.RootElement, string.Empty, keys);
        Assert.Contains("Models__Root", keys);
        foreach (var key in keys)
        {
            Assert.True(readme.Contains($"`{key}", StringComparison.Ordinal), $"README.md's configuration reference does not list `{key}`.");
        }
    }

    private static void CollectKeys(JsonElement element, string prefix, List<string> keys)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : $"{prefix}__{property.Name}";
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                keys.Add(key);
            }
            else if (property.Name is "Override" or "Models" && prefix.Length > 0)
            {
                keys.Add(key + "__<"); // keyed by category or model name
            }
            else
            {
                CollectKeys(property.Value, key, keys);
            }
        }
    }

    private static int PortOf(string url) => int.Parse(PortPattern().Match(url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static List<YamlMappingNode> KubernetesDocuments() =>
        [.. Directory.GetFiles(RepositoryPaths.Combine("deploy", "k8s"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(YamlFiles.LoadDocuments)];

    // The API project and every project it references, transitively, as repository-relative paths.
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(RepositoryPaths.Combine(current))!;
            foreach (var reference in XDocument.Load(RepositoryPaths.Combine(current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value));
                pending.Push(Path.GetRelativePath(RepositoryPaths.Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }

    [GeneratedRegex(@":(\d+)")]
    private static partial Regex PortPattern();

    [GeneratedRegex(@"__\d+")]
    private static partial Regex IndexedKey();
}
