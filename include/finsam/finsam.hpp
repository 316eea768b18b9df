// finsam/finsam.hpp — umbrella header: everything a program linking finsam::finsam needs.
#pragma once

#include "finsam/allocation.hpp"
#include "finsam/error.hpp"
#include "finsam/money.hpp"
#include "finsam/rate.hpp"
#include "finsam/version.hpp"
