# The silo image. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t orleans-tuning/silo .
# .NET 10's official images are Ubuntu 24.04 (noble); no Debian-based .NET 10 images are published. Ubuntu carries
# Debian's OpenBLAS package under the same name.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Project files first: the restore layer is reused until a dependency changes.
COPY Directory.Build.props ./
COPY src/Model/Model.csproj src/Model/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Display/Display.csproj src/Display/
COPY src/Silo/Silo.csproj src/Silo/
RUN dotnet restore src/Silo/Silo.csproj
COPY src/Model/ src/Model/
COPY src/Grains/ src/Grains/
COPY src/Display/ src/Display/
COPY src/Silo/ src/Silo/
RUN dotnet publish src/Silo/Silo.csproj -c Release --no-restore -o /out

# ASP.NET Core runtime: the silo serves its health endpoints with Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
# OpenBLAS is the fast training path (without it, MathNet's managed provider: about ten times slower).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libopenblas0-pthread \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out ./
# The shipped datasets, so the example study runs as it is; a study on other data needs them mounted on every silo.
COPY data/ data/
# The images' unprivileged user (APP_UID, 1654), numeric so Kubernetes can check runAsNonRoot.
USER $APP_UID
# silo-to-silo, gateway (clients), health (/health/live, /health/ready)
EXPOSE 11111 30000 8080
ENTRYPOINT ["dotnet", "tuning-silo.dll"]
