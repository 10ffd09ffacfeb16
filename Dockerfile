# ForecastService, CPU image:
#   docker build -t forecastservice:cpu .
#   docker run --rm -p 8080:8080 forecastservice:cpu            # http://localhost:8080/swagger
# The CUDA image is deploy/cuda/Dockerfile. Every setting is an environment variable (README "Deploy").

ARG DOTNET_VERSION=10.0

# ---- build: restore (ONNX Runtime comes from NuGet, the CPU package), publish ----
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
# npm fetches the /ui chart page's locked packages, which the publish bundles into the API (eng/ChartPage.targets).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Project files first, so the restore layer is reused until a project or a package version changes.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY eng/ eng/
COPY src/Directory.Build.props src/
COPY src/ForecastService.Core/ForecastService.Core.csproj src/ForecastService.Core/
COPY src/ForecastService.Inference/ForecastService.Inference.csproj src/ForecastService.Inference/
COPY src/ForecastService.Api/ForecastService.Api.csproj src/ForecastService.Api/
# The CPU package (Microsoft.ML.OnnxRuntime) for linux-x64 only: no CUDA provider, no other platform's natives.
RUN dotnet restore src/ForecastService.Api/ForecastService.Api.csproj -r linux-x64 -p:OnnxRuntimePackage=Cpu

# The chart page's npm packages (pinned with integrity hashes by package-lock.json) in their own layer, reused until the
# lock changes; the publish below finds them installed and only bundles (eng/ChartPage.targets).
COPY src/ForecastService.Api/ChartPage/web/package.json src/ForecastService.Api/ChartPage/web/package-lock.json src/ForecastService.Api/ChartPage/web/
RUN cd src/ForecastService.Api/ChartPage/web && npm ci --ignore-scripts --no-audit --no-fund

COPY src/ src/
RUN dotnet publish src/ForecastService.Api/ForecastService.Api.csproj -c Release -o /app/publish --no-restore \
      -r linux-x64 --self-contained false -p:OnnxRuntimePackage=Cpu \
 && test -f /app/publish/libonnxruntime.so \
 && test ! -e /app/publish/libonnxruntime_providers_cuda.so

# ---- runtime ----
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /app/publish ./
# The shipped models; mount a volume on /app/models to serve others (new versions are picked up without a restart).
COPY models/ /app/models/
COPY deploy/healthcheck.sh /usr/local/bin/forecast-healthcheck

# ASPNETCORE_HTTP_PORTS is cleared so that ASPNETCORE_URLS alone decides the binding (no "overriding" warning).
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_ENVIRONMENT=Production \
    Models__Root=/app/models \
    Serilog__Format=json \
    Onnx__ExecutionProvider=cpu
EXPOSE 8080

# The image's built-in non-root user (UID 1654).
USER $APP_UID

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "/usr/local/bin/forecast-healthcheck"]

ENTRYPOINT ["dotnet", "ForecastService.Api.dll"]
