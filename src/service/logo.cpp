#include "service/logo.hpp"

#include <stdexcept>

#include "domain/validation_error.hpp"
#include "image/logo.hpp"

namespace gezicht::service {

Logo reencoded_logo(std::string_view upload, const std::string& field) {
  try {
    auto fitted = image::fitted_logo(upload, image::LogoLimits{});
    return {std::move(fitted.png), fitted.width, fitted.height};
  } catch (const image::PhotoError& error) {
    switch (error.problem()) {
      case image::PhotoProblem::empty: throw domain::ValidationError(field, "logo.empty");
      case image::PhotoProblem::too_large_file: throw domain::ValidationError(field, "logo.too_large");
      case image::PhotoProblem::unknown_type: throw domain::ValidationError(field, "logo.unknown_type");
      case image::PhotoProblem::corrupt: throw domain::ValidationError(field, "logo.corrupt");
      case image::PhotoProblem::too_many_pixels: throw domain::ValidationError(field, "logo.too_many_pixels");
    }
    throw std::logic_error("unknown image problem");
  }
}

}  // namespace gezicht::service
