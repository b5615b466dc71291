#pragma once
// The OpenCV library in use (cv::getVersionString()), e.g. "4.6.0": for the About box,
// which names the libraries' versions without including OpenCV. Defined in line_image.cpp.

#include <string>

namespace inklens::imaging {

std::string openCvVersion();

}  // namespace inklens::imaging
