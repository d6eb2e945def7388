# The client image (`tune`). Build from the repository root:
#   docker build -f deploy/docker/client.Dockerfile -t orleans-tuning/client .
# .NET 10's official images are Ubuntu 24.04 (noble); no Debian-based .NET 10 images are published. Ubuntu carries
# Debian's OpenBLAS and font packages under the same names.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props ./
COPY src/Model/Model.csproj src/Model/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Display/Display.csproj src/Display/
COPY src/Client/Client.csproj src/Client/
RUN dotnet restore src/Client/Client.csproj
COPY src/Model/ src/Model/
COPY src/Grains/ src/Grains/
COPY src/Display/ src/Display/
COPY src/Client/ src/Client/
RUN dotnet publish src/Client/Client.csproj -c Release --no-restore -o /out

# ASP.NET Core runtime: `tune run --dashboard` serves the study page with Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
# OpenBLAS: `tune run` and `tune train` train in the process. DejaVu: the PNG plots' text (SkiaSharp finds fonts
# only as files on disk; a plot drawn without one has no text).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libopenblas0-pthread fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out ./
# The shipped datasets: `submit` loads and checks a study's data before the cluster hears of it.
COPY data/ data/
COPY deploy/docker/submit-and-watch.sh ./
USER $APP_UID
ENTRYPOINT ["dotnet", "tune.dll"]
