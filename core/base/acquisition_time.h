#pragma once
/// \file
/// When an image was acquired, as rscir keeps it: ISO 8601 in UTC to the second
/// ("2020-12-11T22:38:32Z"), so that times compare as text. From STAC (`datetime`,
/// `start_datetime`), from GDAL's metadata of a raster (the IMAGERY domain's
/// ACQUISITIONDATETIME, else TIFFTAG_DATETIME), or from a pattern over a file's name.

#include <string>
#include <string_view>

namespace rscir {

/// The time in rscir's form, or "" when `text` is not one: ISO 8601 dates and times
/// ("2020-12-11", "2020-12-11T22:38:32.125Z", "2020-12-11T23:38:32+01:00",
/// "2020-12-11 22:38:32"), and TIFF's "2020:12:11 22:38:32". A time without a zone is taken
/// as UTC; fractions of a second are dropped; a date without a time is its midnight.
std::string normaliseAcquisitionTime(std::string_view text);

/// Why `pattern` cannot be a date pattern ("" when it can): it must hold %Y, %m and %d
/// (and may hold %H, %M, %S); other characters match themselves, %% a percent sign.
std::string datePatternProblem(const std::string& pattern);

/// The time a file's name carries by `pattern` ("S2_%Y%m%d_*" style: the first place in
/// `name` where it matches), in rscir's form; "" when it does not match or names no real
/// date. Throws rscir::Error for a pattern that datePatternProblem() refuses.
std::string acquisitionTimeFromName(const std::string& name, const std::string& pattern);

/// The end of the day or minute a bound names, for an upper bound: "2020-12-11" ->
/// "2020-12-11T23:59:59Z"; a full time as it is. "" when it is not a time.
std::string inclusiveUpperBound(std::string_view text);

} // namespace rscir
