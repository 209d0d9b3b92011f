"""The six socio-economic regions of the General Statistics Office (GSO), by legacy GSO code.

Source: the six socio-economic regions ("vùng kinh tế - xã hội") under which the GSO groups
provinces in its statistical yearbooks (Niên giám thống kê) and in the 2009 and 2019 Population
and Housing Censuses; the national master plan (Resolution 81/2023/QH15) keeps the same six
regions with the same members. The list covers the 63 units in force from 2008-08-01 to
2025-06-30: Quảng Ninh is in the Red River Delta, Bắc Giang in the Northern Midlands, and the
Central Highlands are the five provinces from Kon Tum to Lâm Đồng.

No region has been published for the 34 units in force from 1 July 2025, so ``current_region``
derives one: the region of the legacy unit whose name equals the new unit's name (the unit
that kept its name, usually the one that absorbed the others), else the region of the legacy
unit with the same code. For example Lào Cai (new code 15, formerly Yên Bái's code) takes
legacy Lào Cai's region; Thành phố Huế, whose legacy name was Tỉnh Thừa Thiên Huế, falls back
on legacy code 46.
"""

from .models import Province

R = Province.Region

LEGACY_REGIONS = {
    # Đồng bằng sông Hồng (11)
    "01": R.RED_RIVER_DELTA,  # Hà Nội
    "22": R.RED_RIVER_DELTA,  # Quảng Ninh
    "26": R.RED_RIVER_DELTA,  # Vĩnh Phúc
    "27": R.RED_RIVER_DELTA,  # Bắc Ninh
    "30": R.RED_RIVER_DELTA,  # Hải Dương
    "31": R.RED_RIVER_DELTA,  # Hải Phòng
    "33": R.RED_RIVER_DELTA,  # Hưng Yên
    "34": R.RED_RIVER_DELTA,  # Thái Bình
    "35": R.RED_RIVER_DELTA,  # Hà Nam
    "36": R.RED_RIVER_DELTA,  # Nam Định
    "37": R.RED_RIVER_DELTA,  # Ninh Bình
    # Trung du và miền núi phía Bắc (14)
    "02": R.NORTHERN_MIDLANDS,  # Hà Giang
    "04": R.NORTHERN_MIDLANDS,  # Cao Bằng
    "06": R.NORTHERN_MIDLANDS,  # Bắc Kạn
    "08": R.NORTHERN_MIDLANDS,  # Tuyên Quang
    "10": R.NORTHERN_MIDLANDS,  # Lào Cai
    "11": R.NORTHERN_MIDLANDS,  # Điện Biên
    "12": R.NORTHERN_MIDLANDS,  # Lai Châu
    "14": R.NORTHERN_MIDLANDS,  # Sơn La
    "15": R.NORTHERN_MIDLANDS,  # Yên Bái
    "17": R.NORTHERN_MIDLANDS,  # Hòa Bình
    "19": R.NORTHERN_MIDLANDS,  # Thái Nguyên
    "20": R.NORTHERN_MIDLANDS,  # Lạng Sơn
    "24": R.NORTHERN_MIDLANDS,  # Bắc Giang
    "25": R.NORTHERN_MIDLANDS,  # Phú Thọ
    # Bắc Trung Bộ và duyên hải miền Trung (14)
    "38": R.CENTRAL_COAST,  # Thanh Hóa
    "40": R.CENTRAL_COAST,  # Nghệ An
    "42": R.CENTRAL_COAST,  # Hà Tĩnh
    "44": R.CENTRAL_COAST,  # Quảng Bình
    "45": R.CENTRAL_COAST,  # Quảng Trị
    "46": R.CENTRAL_COAST,  # Thừa Thiên Huế
    "48": R.CENTRAL_COAST,  # Đà Nẵng
    "49": R.CENTRAL_COAST,  # Quảng Nam
    "51": R.CENTRAL_COAST,  # Quảng Ngãi
    "52": R.CENTRAL_COAST,  # Bình Định
    "54": R.CENTRAL_COAST,  # Phú Yên
    "56": R.CENTRAL_COAST,  # Khánh Hòa
    "58": R.CENTRAL_COAST,  # Ninh Thuận
    "60": R.CENTRAL_COAST,  # Bình Thuận
    # Tây Nguyên (5)
    "62": R.CENTRAL_HIGHLANDS,  # Kon Tum
    "64": R.CENTRAL_HIGHLANDS,  # Gia Lai
    "66": R.CENTRAL_HIGHLANDS,  # Đắk Lắk
    "67": R.CENTRAL_HIGHLANDS,  # Đắk Nông
    "68": R.CENTRAL_HIGHLANDS,  # Lâm Đồng
    # Đông Nam Bộ (6)
    "70": R.SOUTHEAST,  # Bình Phước
    "72": R.SOUTHEAST,  # Tây Ninh
    "74": R.SOUTHEAST,  # Bình Dương
    "75": R.SOUTHEAST,  # Đồng Nai
    "77": R.SOUTHEAST,  # Bà Rịa - Vũng Tàu
    "79": R.SOUTHEAST,  # Hồ Chí Minh
    # Đồng bằng sông Cửu Long (13)
    "80": R.MEKONG_DELTA,  # Long An
    "82": R.MEKONG_DELTA,  # Tiền Giang
    "83": R.MEKONG_DELTA,  # Bến Tre
    "84": R.MEKONG_DELTA,  # Trà Vinh
    "86": R.MEKONG_DELTA,  # Vĩnh Long
    "87": R.MEKONG_DELTA,  # Đồng Tháp
    "89": R.MEKONG_DELTA,  # An Giang
    "91": R.MEKONG_DELTA,  # Kiên Giang
    "92": R.MEKONG_DELTA,  # Cần Thơ
    "93": R.MEKONG_DELTA,  # Hậu Giang
    "94": R.MEKONG_DELTA,  # Sóc Trăng
    "95": R.MEKONG_DELTA,  # Bạc Liêu
    "96": R.MEKONG_DELTA,  # Cà Mau
}


def current_region(name, code, legacy_units):
    """Region of a post-2025 unit; ``legacy_units`` maps legacy code to legacy name."""
    for legacy_code, legacy_name in legacy_units.items():
        if legacy_name == name:
            return LEGACY_REGIONS[legacy_code]
    return LEGACY_REGIONS[code]
