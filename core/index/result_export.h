#pragma once
/// \file
/// Search results written for GIS tools: CSV, GeoJSON and GeoPackage (through GDAL/OGR),
/// one record per hit with its rank, path, window, footprint and every score component.

#include "core/index/index_store.h"
#include "core/search/ranking.h"

#include <filesystem>
#include <ostream>
#include <vector>

namespace rscir {

struct RankedItem {
    ItemRecord item;
    Hit hit;
};

void writeResultsCsv(std::ostream& out, const std::vector<RankedItem>& results);
void writeResultsJsonLines(std::ostream& out, const std::vector<RankedItem>& results);
void writeResultsGeoJson(std::ostream& out, const std::vector<RankedItem>& results);
/// Writes a GeoPackage (or any OGR vector format by `driver`, e.g. "GPKG") at `path`,
/// replacing the file. Throws rscir::Error.
void writeResultsOgr(const std::filesystem::path& path, const std::vector<RankedItem>& results,
                     const std::string& driver = "GPKG");
/// Writes results to a file in the format its extension names: .csv, .geojson (or
/// .json), .gpkg. The application's export and `rscir search --output` both use it.
/// Throws rscir::Error for another extension or when the file cannot be written.
void writeResultsFile(const std::filesystem::path& path, const std::vector<RankedItem>& results);

} // namespace rscir
