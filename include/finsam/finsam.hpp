// finsam/finsam.hpp — umbrella header: everything a program linking finsam::finsam needs.
// (Not included: finsam/xlsx.hpp, target finsam::xlsx; finsam/nlohmann.hpp, the nlohmann bridge.)
#pragma once

#include "finsam/allocation.hpp"
#include "finsam/allocation_model.hpp"
#include "finsam/error.hpp"
#include "finsam/money.hpp"
#include "finsam/rate.hpp"
#include "finsam/version.hpp"
#include "finsam/dated.hpp"
#include "finsam/evaluate.hpp"
#include "finsam/explain.hpp"
#include "finsam/frame.hpp"
#include "finsam/intervention.hpp"
#include "finsam/json.hpp"
#include "finsam/member.hpp"
#include "finsam/plan.hpp"
#include "finsam/report.hpp"
#include "finsam/result.hpp"
#include "finsam/result_json.hpp"
#include "finsam/shares.hpp"
#include "finsam/sweep.hpp"
#include "finsam/warning.hpp"
