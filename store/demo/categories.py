"""The demo store's categories, in a fixed order (the order fixes the generated ids)."""

from __future__ import annotations

from store.demo.catalog_apparel import BACKPACKS, JACKETS, LUGGAGE, RUNNING_SHOES, TSHIRTS
from store.demo.catalog_audio import EARBUDS, OVER_EAR, SPEAKERS
from store.demo.catalog_devices import CHARGERS, LAPTOPS, SMARTWATCHES, TABLETS, TVS
from store.demo.catalog_home import (
    BUILDING_SETS,
    OFFICE_CHAIRS,
    ROBOT_VACUUMS,
    STICK_VACUUMS,
    TOOTHBRUSHES,
    WATER_BOTTLES,
)
from store.demo.catalog_kitchen import AIR_FRYERS, BLENDERS, COFFEE_MACHINES, KNIVES
from store.demo.spec import CategorySpec

CATEGORIES: tuple[CategorySpec, ...] = (
    BLENDERS,
    COFFEE_MACHINES,
    AIR_FRYERS,
    KNIVES,
    STICK_VACUUMS,
    ROBOT_VACUUMS,
    OVER_EAR,
    EARBUDS,
    SPEAKERS,
    SMARTWATCHES,
    LAPTOPS,
    TABLETS,
    TVS,
    CHARGERS,
    RUNNING_SHOES,
    JACKETS,
    TSHIRTS,
    BACKPACKS,
    LUGGAGE,
    OFFICE_CHAIRS,
    TOOTHBRUSHES,
    WATER_BOTTLES,
    BUILDING_SETS,
)
