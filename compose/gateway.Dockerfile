# The gateway host with its plugins. Build context: the repository root (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# Building the host also builds the plugins into bin/Release/net10.0/plugins/<folder>/
# (host/EsdbGater.Host/EsdbGater.Host.csproj); publish does not copy that folder, so it is copied here.
RUN dotnet publish host/EsdbGater.Host/EsdbGater.Host.csproj -c Release -o /app \
 && cp -r host/EsdbGater.Host/bin/Release/net10.0/plugins /app/plugins

# ASP.NET Core runtime: the host serves /health and /metrics with Kestrel (Gateway:Http:Url).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENTRYPOINT ["dotnet", "EsdbGater.Host.dll"]
